import type {
  GiftCardOrder,
  Money,
  OrderFailure,
  OrderLine,
  OrderStatus,
  PlaceOrderRequest,
  Voucher,
} from '@giftwire/core';
import { VOUCHER_SECRET_FIELDS } from '@giftwire/core';
import { unsealOrder } from './crypto/sealed-order';
import type { VoucherCipher } from './crypto/voucher-cipher';
import { type SettlementSummary, summarizeSettlement } from './fulfillment/summarize-settlement';
import { VENDOR_ORDER_MISMATCH } from './fulfillment/vendor-order-matches-request';
import type { AttentionReason, FulfillmentState, OrderRecord } from './order-record';

/**
 * An order as the engine shows it to the shop and its customers: codes as `Secret`s, present only on issued
 * vouchers, and only normalized fields — no vendor free text (raw status words, vendor error messages, serial
 * numbers, card ids), which stays sealed and is shown to staff through `inspect`.
 */
export interface FulfillmentOrder {
  reference: string;
  vendor: string;
  state: FulfillmentState;
  status: OrderStatus;
  shopOrderId?: string;
  customerId?: string;
  vendorOrderId?: string;
  request: PlaceOrderRequest;
  lines: OrderLine[];
  charged?: Money;
  /** A normalized code and a message giftwire writes itself; the vendor's own words are sealed. */
  failure?: OrderFailure;
  attention?: AttentionReason;
  /** When the order settled: what was issued, what failed, what was not charged. */
  settlement?: SettlementSummary;
  placedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The vendor order as stored, in full: secrets as `Secret`s and the vendor's own free text included. For
 * staff tools only (`Fulfiller.inspect`); customers get {@link toFulfillmentOrder}.
 */
export function vendorOrderOf(record: OrderRecord, cipher: VoucherCipher): GiftCardOrder | undefined {
  return record.sealedOrder ? unsealOrder(record.sealedOrder, cipher, record.reference) : undefined;
}

/** Messages giftwire writes for failure codes, so no vendor's own text reaches a customer. */
const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  vendor_failed: 'The vendor could not issue the cards; they were not charged.',
  vendor_partial: 'The vendor could not issue some of the cards; those were not charged.',
};

function customerFailure(failure: OrderFailure): OrderFailure {
  return {
    code: failure.code,
    message: FAILURE_MESSAGES[failure.code] ?? `The order could not be completed (${failure.code}).`,
  };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp the vendor gave, only as a normalized ISO date: anything else is vendor text and stays sealed.
 * Vendors that write no zone (Bamboo: "2024-05-16T04:36:35.3673422") mean UTC, not this server's local time.
 */
function normalizedTime(value: string | undefined): string | undefined {
  const match = value === undefined ? null : ISO_DATE_TIME.exec(value);
  if (!match || value === undefined) return undefined;
  const ms = Date.parse(match[1] === undefined && value.includes('T') ? `${value}Z` : value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function customerVoucher(voucher: Voucher): Voucher {
  const shown: Voucher = { status: voucher.status, faceValue: voucher.faceValue };
  const expiresAt = normalizedTime(voucher.expiresAt);
  if (expiresAt !== undefined) shown.expiresAt = expiresAt;
  // A voucher's secrets are released only once the voucher itself is issued.
  if (voucher.status === 'issued') {
    for (const field of VOUCHER_SECRET_FIELDS) {
      const secret = voucher[field];
      if (secret) shown[field] = secret;
    }
  }
  return shown;
}

/**
 * Builds the public view. An order flagged {@link VENDOR_ORDER_MISMATCH} shows only what was asked for: the
 * vendor order it was offered is not ours, and none of it — codes above all — is shown.
 */
export function toFulfillmentOrder(record: OrderRecord, cipher: VoucherCipher): FulfillmentOrder {
  const quarantined = record.attention?.reason === VENDOR_ORDER_MISMATCH;
  const order = quarantined ? undefined : vendorOrderOf(record, cipher);
  const lines: OrderLine[] = order
    ? order.lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        faceValue: line.faceValue,
        vouchers: line.vouchers.map(customerVoucher),
      }))
    : record.request.lines.map((line) => ({ ...line, vouchers: [] }));
  const view: FulfillmentOrder = {
    reference: record.reference,
    vendor: record.vendor,
    state: record.state,
    status: record.status,
    request: record.request,
    lines,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  if (record.shopOrderId !== undefined) view.shopOrderId = record.shopOrderId;
  if (record.customerId !== undefined) view.customerId = record.customerId;
  if (record.vendorOrderId !== undefined) view.vendorOrderId = record.vendorOrderId;
  if (order?.charged) view.charged = order.charged;
  if (order?.failure) view.failure = customerFailure(order.failure);
  const placedAt = normalizedTime(order?.placedAt);
  if (placedAt !== undefined) view.placedAt = placedAt;
  if (record.attention) view.attention = record.attention;
  if (record.state === 'settled' && order) view.settlement = summarizeSettlement(order);
  return view;
}
