import {
  type GiftCardOrder,
  type Money,
  money,
  normalizeDecimal,
  type OrderLine,
  Secret,
  VendorApiError,
  type Voucher,
} from '@giftwire/core';
import type { GiftHubOrder, GiftHubRedeem } from './schemas';
import { mapGiftHubState } from './status-tables';
import { timestampToIso } from './timestamp-to-iso';

export const GIFTHUB_VENDOR = 'gifthub';

/** An exchange rate GiftHub applied, kept for reconciliation (the rate as the vendor wrote it). */
export interface GiftHubExchangeRate {
  baseCurrency: string;
  targetCurrency: string;
  rate: string;
  modifiedAt?: string;
}

/** What GiftHub says it charged and why, per SKU: fee, discount and the invoice's FX records. */
export interface GiftHubReconciliation {
  wallet?: string;
  invoiceStatus?: string;
  paymentMethod?: string;
  exchangeRates: GiftHubExchangeRate[];
  deals: { sku: string; dealState?: string; fee?: Adjustment; discount?: Adjustment }[];
  records: {
    sku: string;
    totals: Money[];
    items: { type?: string; description?: string; effect?: Money }[];
  }[];
  /** SKUs of a `partial`, `failed` or `rejected` order that were not (fully) delivered. */
  failedSkus: string[];
}

export interface Adjustment {
  amount: string;
  mode?: string;
}

/** A GiftHub order in giftwire's words, plus what reconciliation needs. */
export interface GiftHubOrderView extends GiftCardOrder {
  reconciliation: GiftHubReconciliation;
}

const RELEASING: ReadonlySet<string> = new Set(['fulfilled', 'partially_fulfilled']);
const SHORT_FINAL: ReadonlySet<string> = new Set(['partially_fulfilled', 'failed']);

/**
 * Reconciliation figures: the vendor's digits as a decimal string, its currency word as given. Cheaper than
 * `money()` (no schema per figure), which matters on every read; charged and face values still use `money()`.
 */
function figure(amount: number, currency: string): Money {
  return { amount: normalizeDecimal(amount), currency };
}

function invalid(path: string): VendorApiError {
  return new VendorApiError({
    vendor: GIFTHUB_VENDOR,
    code: 'invalid_response',
    retryable: false,
    invalidPaths: [path],
  });
}

/**
 * Maps a Retrieve Order `data` onto the vendor-neutral order. Products become lines at their face value in
 * the product's own currency (the page: 1000 DKK); the invoice's total in the wallet currency is what was
 * charged (134.11 EUR). Redeem data, in either published shape, is read only for `successful` and `partial`
 * orders (the page fills it only then) and every code, PIN and link becomes a `Secret` here.
 *
 * @example
 * const order = mapGiftHubOrder(giftHubOrderEnvelopeSchema.parse(body).data);
 * order.charged; // { amount: '134.11', currency: 'EUR' }
 */
export function mapGiftHubOrder(order: GiftHubOrder, now: Date = new Date()): GiftHubOrderView {
  if (!order.reference) throw invalid('data.reference');
  const state = mapGiftHubState(order.state);
  const releasing = RELEASING.has(state.status);
  const failedSkus: string[] = [];
  const deals: GiftHubReconciliation['deals'] = [];

  const lines: OrderLine[] = Object.entries(order.products ?? {}).map(([key, entry], index) => {
    const sku = entry.sku ?? key;
    const redeem = order.redeem?.[key] ?? order.redeem?.[sku];
    const currency =
      entry.shopItem?.baseCurrency ?? redeem?.currency ?? mainProductCurrency(order, sku) ?? undefined;
    if (!currency) throw invalid(`data.products.${index}.shopItem.baseCurrency`);
    const faceValue = money(entry.request.quote, currency);
    const quantity = entry.request.quantity;
    const vouchers = releasing && redeem ? vouchersOf(redeem, faceValue) : [];
    const issued = vouchers.length;
    if (SHORT_FINAL.has(state.status) && issued < quantity) {
      failedSkus.push(sku);
      for (let i = issued; i < quantity; i++) vouchers.push({ status: 'failed', faceValue });
    }
    const deal = entry.customerDeal;
    if (deal) {
      const kept: GiftHubReconciliation['deals'][number] = { sku };
      if (deal.dealState) kept.dealState = deal.dealState;
      const fee = adjustment(deal.fee);
      if (fee) kept.fee = fee;
      const discount = adjustment(deal.discount);
      if (discount) kept.discount = discount;
      deals.push(kept);
    }
    return { productId: sku, quantity, faceValue, vouchers };
  });

  const mapped: GiftHubOrderView = {
    vendor: GIFTHUB_VENDOR,
    reference: order.reference,
    vendorOrderId: order.uid,
    status: state.status,
    rawStatus: state.raw,
    lines,
    updatedAt: order.modifiedDate ? timestampToIso(order.modifiedDate) : now.toISOString(),
    reconciliation: reconciliationOf(order, deals, failedSkus),
  };
  if (!state.recognized) mapped.unrecognizedStatus = true;
  if (order.createdDate) mapped.placedAt = timestampToIso(order.createdDate);
  if (order.invoice) mapped.charged = money(order.invoice.total, order.invoice.wallet);
  if (state.status === 'failed' || failedSkus.length > 0) {
    const word = state.raw.toLowerCase();
    mapped.failure = {
      code: word === 'rejected' ? 'vendor_rejected' : word === 'partial' ? 'vendor_partial' : 'vendor_failed',
      // SKUs are catalog ids, not secrets; GiftHub's own free text is never copied.
      message:
        failedSkus.length > 0
          ? `GiftHub order ${word}: not delivered for SKU ${failedSkus.join(', ')}`
          : `GiftHub order ${word}`,
    };
  }
  return mapped;
}

/** Both published redeem shapes; a card with nothing readable is not a voucher. */
function vouchersOf(redeem: GiftHubRedeem, faceValue: Money): Voucher[] {
  const vouchers: Voucher[] = [];
  for (const card of redeem.cards ?? []) {
    if (!card.redeemCardCode && !card.redeemPin && !card.redeemLink) continue;
    const voucher: Voucher = { status: 'issued', faceValue };
    if (card.redeemCardCode) voucher.code = new Secret(card.redeemCardCode);
    if (card.redeemPin) voucher.pin = new Secret(card.redeemPin);
    if (card.redeemLink) voucher.claimUrl = new Secret(card.redeemLink);
    if (card.redeemSerialNumber) voucher.serial = card.redeemSerialNumber;
    if (card.expirationDate) voucher.expiresAt = card.expirationDate;
    vouchers.push(voucher);
  }
  // The page's shape: each `redeemPin` entry is one card's code; the link is the SKU's.
  for (const code of redeem.redeemPin ?? []) {
    const voucher: Voucher = { status: 'issued', faceValue, code: new Secret(code) };
    if (redeem.redeemLink) voucher.claimUrl = new Secret(redeem.redeemLink);
    vouchers.push(voucher);
  }
  return vouchers;
}

function mainProductCurrency(order: GiftHubOrder, sku: string): string | undefined {
  const record = order.invoice?.records?.find((r) => r.sku === sku);
  return record?.items?.find((item) => item.type === 'main-product')?.effect?.currency;
}

function adjustment(
  value: { amount?: number | null; adjustmentMode?: string | null } | null | undefined,
): Adjustment | undefined {
  if (!value || value.amount === null || value.amount === undefined) return undefined;
  const kept: Adjustment = { amount: normalizeDecimal(value.amount) };
  if (value.adjustmentMode) kept.mode = value.adjustmentMode;
  return kept;
}

function reconciliationOf(
  order: GiftHubOrder,
  deals: GiftHubReconciliation['deals'],
  failedSkus: string[],
): GiftHubReconciliation {
  const invoice = order.invoice;
  const kept: GiftHubReconciliation = {
    exchangeRates: (order.exchangeRates ?? []).map((rate) => {
      const entry: GiftHubExchangeRate = {
        baseCurrency: rate.baseCurrency,
        targetCurrency: rate.targetCurrency,
        rate: normalizeDecimal(rate.rate),
      };
      if (rate.modifiedDate) entry.modifiedAt = timestampToIso(rate.modifiedDate);
      return entry;
    }),
    deals,
    records: (invoice?.records ?? []).map((record) => ({
      sku: record.sku ?? '',
      totals: Object.entries(record.total ?? {}).map(([currency, amount]) => figure(amount, currency)),
      items: (record.items ?? []).map((item) => {
        const kept: { type?: string; description?: string; effect?: Money } = {};
        if (item.type) kept.type = item.type;
        if (item.description) kept.description = item.description;
        if (item.effect) kept.effect = figure(item.effect.amount, item.effect.currency);
        return kept;
      }),
    })),
    failedSkus,
  };
  if (invoice?.wallet) kept.wallet = invoice.wallet;
  if (invoice?.status) kept.invoiceStatus = invoice.status;
  if (invoice?.paymentMethod) kept.paymentMethod = invoice.paymentMethod;
  return kept;
}
