import type {
  GiftCardOrder,
  Money,
  OrderFailure,
  OrderLine,
  OrderStatus,
  PlaceOrderRequest,
} from '@giftwire/core';
import { type SealedOrder, unsealOrder } from './crypto/sealed-order';
import type { VoucherCipher } from './crypto/voucher-cipher';
import { type SettlementSummary, summarizeSettlement } from './fulfillment/settlement-summary';
import type { AttentionReason, FulfillmentState, OrderRecord } from './order-record';

/** An order as the engine shows it: codes as `Secret`s, present only on issued vouchers. */
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
  failure?: OrderFailure;
  attention?: AttentionReason;
  /** When the order settled: what was issued, what failed, what was not charged. */
  settlement?: SettlementSummary;
  placedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export function vendorOrderOf(record: OrderRecord, cipher: VoucherCipher): GiftCardOrder | undefined {
  return record.sealedOrder ? unsealOrder(record.sealedOrder as SealedOrder, cipher) : undefined;
}

/** Builds the public view; a voucher's secrets are dropped unless the voucher itself is issued. */
export function toFulfillmentOrder(record: OrderRecord, cipher: VoucherCipher): FulfillmentOrder {
  const order = vendorOrderOf(record, cipher);
  const lines: OrderLine[] = order
    ? order.lines.map((line) => ({
        ...line,
        vouchers: line.vouchers.map((voucher) => {
          if (voucher.status === 'issued') return voucher;
          const { code: _code, pin: _pin, claimUrl: _claimUrl, ...withheld } = voucher;
          return withheld;
        }),
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
  if (order?.failure) view.failure = order.failure;
  if (order?.placedAt) view.placedAt = order.placedAt;
  if (record.attention) view.attention = record.attention;
  if (record.state === 'settled' && order) view.settlement = summarizeSettlement(order);
  return view;
}
