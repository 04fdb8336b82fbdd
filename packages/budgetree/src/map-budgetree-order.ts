import {
  type GiftCardOrder,
  type Money,
  normalizeDecimal,
  type OrderLine,
  Secret,
  sumMoney,
  type Voucher,
} from '@giftwire/core';
import type { BudgetreeOrderBody } from './placed-order-store';
import type { BudgetreeCard, BudgetreeOrderStatus } from './schemas';
import { BUDGETREE_ORDER_STATUSES, mapBudgetreeOrderStatus } from './status-tables';

export const BUDGETREE_VENDOR = 'budgetree';

/** The order's cancel window as the status answer gives it. */
export interface BudgetreeCancelWindow {
  allowed: boolean;
  /** Minutes after placement within which a reversal is accepted (`allowedWithIn`). */
  withinMinutes?: number;
}

/** A voucher with Budgetree's activation code, a secret like the code and PIN. */
/** Kept for compatibility: the activation code is a field of every `Voucher` now. */
export type BudgetreeVoucher = Voucher;

/** Core's order plus Budgetree's cancel window, so a caller can tell whether a reversal may still work. */
export type BudgetreeOrder = GiftCardOrder & { cancelWindow?: BudgetreeCancelWindow };

export interface MapBudgetreeOrderOptions {
  /** The create body the client sent, when it is known: it names the lines and their currency. */
  body?: BudgetreeOrderBody;
  /** Currency of the cards when neither the cards answer nor the body names one. */
  currency: string;
  /** Our reference, when the answer does not carry its `refno` (optional on the page). */
  reference?: string;
  /** The cards answer's own currency, when it gave one. */
  cardsCurrency?: string;
  now?: Date;
}

const KNOWN_WORDS = Object.values(BUDGETREE_ORDER_STATUSES).flat();

/** The status word; the page marks `status` optional, so a label naming one word stands in for it. */
function statusWord(status: BudgetreeOrderStatus): string {
  if (status.status) return status.status;
  const label = (status.statusLabel ?? '').toUpperCase();
  return KNOWN_WORDS.find((word) => label.split(/\W+/).includes(word)) ?? status.statusLabel ?? '';
}

function cancelWindowOf(status: BudgetreeOrderStatus): BudgetreeCancelWindow | undefined {
  if (!status.cancel) return undefined;
  const window: BudgetreeCancelWindow = { allowed: status.cancel.allowed === true };
  const minutes = Number(status.cancel.allowedWithIn);
  if (status.cancel.allowedWithIn != null && Number.isFinite(minutes)) window.withinMinutes = minutes;
  return window;
}

function voucherOf(card: BudgetreeCard, faceValue: Money): BudgetreeVoucher {
  const voucher: BudgetreeVoucher = { status: 'issued', faceValue };
  const code = card.cardNumber || card.activationCode;
  if (code) voucher.code = new Secret(code);
  if (card.cardPin) voucher.pin = new Secret(card.cardPin);
  if (card.activationUrl) voucher.claimUrl = new Secret(card.activationUrl);
  if (card.activationCode) voucher.activationCode = new Secret(card.activationCode);
  if (card.validity) voucher.expiresAt = card.validity;
  return voucher;
}

function currencyFor(sku: string, options: MapBudgetreeOrderOptions): string {
  return (
    options.cardsCurrency ??
    options.body?.products.find((p) => p.sku === sku)?.currency ??
    options.body?.products[0]?.currency ??
    options.currency
  ).toUpperCase();
}

/**
 * Activated cards grouped into lines by product and face value. Cards of one line share their face value
 * (an order of 1,200 cards has one or a few amounts), so amounts are read once per distinct text.
 */
function linesFromCards(cards: readonly BudgetreeCard[], options: MapBudgetreeOrderOptions): OrderLine[] {
  const soleSku = options.body?.products.length === 1 ? options.body.products[0]!.sku : undefined;
  const lines = new Map<string, OrderLine>();
  for (const card of cards) {
    const sku = card.sku ?? soleSku ?? '';
    const key = `${sku}\u0000${card.amount}`;
    let line = lines.get(key);
    if (!line) {
      const faceValue = { amount: normalizeDecimal(card.amount), currency: currencyFor(sku, options) };
      line = { productId: sku, quantity: 0, faceValue, vouchers: [] };
      lines.set(key, line);
    }
    line.quantity += 1;
    line.vouchers.push(voucherOf(card, line.faceValue));
  }
  // '10' and '10.00' are one face value: merge lines the text told apart.
  const merged = new Map<string, OrderLine>();
  for (const line of lines.values()) {
    const key = `${line.productId}\u0000${line.faceValue.amount}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, line);
    else {
      seen.quantity += line.quantity;
      seen.vouchers.push(...line.vouchers);
    }
  }
  return [...merged.values()];
}

/**
 * What Budgetree took from the wallet, which no answer states: the create's single payment must equal the
 * order total (Σ price × qty), COMPLETE means "payment is received" and each activated card carries the amount
 * it was bought for, so a delivered order was charged the sum of its cards; CANCELED means "money is reversed",
 * so nothing. Pending and processing orders: not known yet.
 */
function chargedFor(
  order: BudgetreeOrder,
  delivered: boolean,
  options: MapBudgetreeOrderOptions,
): Money | undefined {
  if (order.status === 'cancelled') {
    const currency = options.body?.products[0]?.currency ?? options.cardsCurrency ?? options.currency;
    return { amount: '0', currency };
  }
  if (!delivered) return undefined;
  const paid = order.lines.flatMap((line) => line.vouchers.map((voucher) => voucher.faceValue));
  const currency = paid[0]?.currency;
  // One currency per order is Budgetree's own rule; cards in two would leave the charge unknown, not guessed.
  if (currency === undefined || paid.some((value) => value.currency !== currency)) return undefined;
  return sumMoney(paid, currency);
}

/** The lines we asked for, none delivered yet: what an order that is not COMPLETE holds. */
function linesFromBody(body: BudgetreeOrderBody | undefined): OrderLine[] {
  return (body?.products ?? []).map((p) => ({
    productId: p.sku,
    quantity: p.qty,
    faceValue: { amount: p.price, currency: p.currency },
    vouchers: [],
  }));
}

/**
 * Budgetree's status answer (and, for a COMPLETE order, its activated cards) → core's order. COMPLETE is
 * `fulfilled` only with the cards in hand: without them (`cards` undefined, the cards call said "not yet")
 * it is still `processing`. Codes, PINs, activation codes and URLs are `Secret`s from here on.
 *
 * @example
 * const order = mapBudgetreeOrder(status, cards, { currency: 'INR', body });
 */
export function mapBudgetreeOrder(
  status: BudgetreeOrderStatus,
  cards: readonly BudgetreeCard[] | undefined,
  options: MapBudgetreeOrderOptions,
): BudgetreeOrder {
  const raw = statusWord(status);
  const mapped = mapBudgetreeOrderStatus(raw);
  const complete = mapped.status === 'fulfilled';
  const delivered = complete && cards !== undefined;
  const order: BudgetreeOrder = {
    vendor: BUDGETREE_VENDOR,
    reference: status.refno ?? options.reference ?? options.body?.refno ?? '',
    status: complete && !delivered ? 'processing' : mapped.status,
    rawStatus: raw,
    lines: delivered ? linesFromCards(cards, options) : linesFromBody(options.body),
    updatedAt: (options.now ?? new Date()).toISOString(),
  };
  if (!mapped.recognized) order.unrecognizedStatus = true;
  if (status.orderId != null) order.vendorOrderId = status.orderId;
  const charged = chargedFor(order, delivered, options);
  if (charged) order.charged = charged;
  const window = cancelWindowOf(status);
  if (window) order.cancelWindow = window;
  return order;
}
