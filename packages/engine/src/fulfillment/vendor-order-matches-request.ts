import {
  type GiftCardOrder,
  normalizeDecimal,
  type OrderStatus,
  type PlaceOrderRequest,
  sameReference,
} from '@giftwire/core';

/**
 * The attention code of an order whose vendor order is not the one this engine asked for. Such an order is
 * never adopted: its vendor order stays sealed, shown to staff only (`inspect`), and it is never re-opened
 * automatically.
 */
export const VENDOR_ORDER_MISMATCH = 'vendor_order_mismatch';

export type VendorOrderMatch = { ok: true } | { ok: false; problems: string[] };

/** Statuses under which a vendor may list fewer cards than were asked for. */
const MAY_BE_SHORT: ReadonlySet<OrderStatus> = new Set([
  'pending',
  'processing',
  'partially_fulfilled',
  'failed',
  'cancelled',
]);

function lineKey(productId: string, amount: string, currency: string): string {
  return JSON.stringify([productId, normalizeDecimal(amount), currency]);
}

/**
 * Whether the vendor order is the one `request` asked for: the same reference (case-insensitively, as vendors
 * compare them), only lines the request holds (product, face value amount and currency), never more cards per
 * line than asked, and every voucher at its line's face value. What legitimately differs is allowed: a vendor
 * that has not listed its lines yet, fewer cards (or none) on an order that is still running or that settled
 * partially, failed or was cancelled, lines split differently, and `charged`, which is not face value (fees, discounts, FX — Bamboo
 * charges 18.9401 for a 20 face value) and so is not compared. A `fulfilled` order must hold every card asked
 * for. Problems are giftwire's own words naming fields, never the vendor's values.
 *
 * @example
 * const match = vendorOrderMatchesRequest(record.request, await adapter.getOrder({ reference }));
 * if (!match.ok) flagForStaff(match.problems);
 */
export function vendorOrderMatchesRequest(
  request: PlaceOrderRequest,
  order: GiftCardOrder,
): VendorOrderMatch {
  const problems: string[] = [];
  if (typeof order.reference !== 'string' || !sameReference(order.reference, request.reference)) {
    problems.push('the vendor order carries another reference');
  }
  const asked = new Map<string, number>();
  for (const line of request.lines) {
    const key = lineKey(line.productId, line.faceValue.amount, line.faceValue.currency);
    asked.set(key, (asked.get(key) ?? 0) + line.quantity);
  }
  const listed = new Map<string, { quantity: number; vouchers: number }>();
  order.lines.forEach((line, index) => {
    let key: string;
    try {
      key = lineKey(line.productId, line.faceValue.amount, line.faceValue.currency);
    } catch {
      problems.push(`line ${index} has no readable face value`);
      return;
    }
    if (!asked.has(key)) {
      problems.push(`line ${index} is for a product, face value or currency the request does not hold`);
      return;
    }
    for (const voucher of line.vouchers) {
      if (
        voucher.faceValue.currency !== line.faceValue.currency ||
        !sameAmount(voucher.faceValue.amount, line.faceValue.amount)
      ) {
        problems.push(`line ${index} holds a voucher at another face value`);
        break;
      }
    }
    const seen = listed.get(key) ?? { quantity: 0, vouchers: 0 };
    listed.set(key, {
      quantity: seen.quantity + line.quantity,
      vouchers: seen.vouchers + line.vouchers.length,
    });
  });
  for (const [key, wanted] of asked) {
    const seen = listed.get(key);
    if (seen && (seen.quantity > wanted || seen.vouchers > wanted)) {
      problems.push(`line ${lineIndex(request, key)} holds more cards than were asked for`);
    }
    // A running, partial, failed or cancelled order may list fewer cards (or none yet); a fulfilled one may not.
    if (!MAY_BE_SHORT.has(order.status) && (seen?.quantity ?? 0) < wanted) {
      problems.push(`line ${lineIndex(request, key)} is fulfilled with fewer cards than were asked for`);
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function sameAmount(a: string, b: string): boolean {
  try {
    return normalizeDecimal(a) === normalizeDecimal(b);
  } catch {
    return false;
  }
}

function lineIndex(request: PlaceOrderRequest, key: string): number {
  return request.lines.findIndex(
    (line) => lineKey(line.productId, line.faceValue.amount, line.faceValue.currency) === key,
  );
}
