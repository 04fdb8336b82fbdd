import {
  addMoney,
  type GiftCardOrder,
  type Money,
  type OrderLine,
  type OrderStatus,
  Secret,
  type Voucher,
} from '@giftwire/core';
import type { StarshipOrder, StarshipVoucher } from './schemas';
import { parseStarshipPartRef } from './starship-parts';
import { mapStarshipOrderStatus } from './status-tables';

export const STARSHIP_VENDOR = 'starship';

/** Statuses under which Starship returns vouchers (only then are codes decrypted). */
const WITH_VOUCHERS = new Set(['delivered', 'partially_delivered']);

export interface MapStarshipOrderOptions {
  /** Starship's answers carry no currency: the account's (default USD). */
  currency?: string;
  now?: Date;
}

/** Money from Starship's string, digits kept exactly as sent (`"25.00"` stays `"25.00"`). */
function starshipMoney(amount: string, currency: string): Money {
  return { amount, currency };
}

/**
 * Maps one Starship order (get, list or create answer) onto the vendor-neutral order. Vouchers are read only
 * under DELIVERED / PARTIALLY_DELIVERED, as Starship returns them; codes, PINs and claim URLs become `Secret`s
 * here, straight after validation (the client maps every answer it parses before anything else sees it). `amount` is what the wallet is charged for the order.
 */
export function mapStarshipOrder(order: StarshipOrder, options: MapStarshipOrderOptions = {}): GiftCardOrder {
  const currency = options.currency ?? 'USD';
  const status = mapStarshipOrderStatus(order.status);
  const faceValue = starshipMoney(order.denomination, currency);
  const vouchers = WITH_VOUCHERS.has(order.status.trim().toLowerCase())
    ? (order.vouchers ?? []).map((voucher) => mapVoucher(voucher, faceValue, order.status))
    : [];
  const ref = order.reference_code ?? order.ref ?? '';
  const mapped: GiftCardOrder = {
    vendor: STARSHIP_VENDOR,
    reference: ref === '' ? '' : parseStarshipPartRef(ref).reference,
    vendorOrderId: String(order.id),
    status: status.status,
    rawStatus: status.raw,
    lines: [{ productId: String(order.product_id), quantity: order.quantity, faceValue, vouchers }],
    charged: starshipMoney(order.amount, currency),
    updatedAt: (options.now ?? new Date()).toISOString(),
  };
  if (!status.recognized) mapped.unrecognizedStatus = true;
  if (order.placed_at) mapped.placedAt = order.placed_at;
  if (status.status === 'failed' || status.status === 'cancelled') {
    // Starship gives no reason on the order; our own words only.
    mapped.failure = {
      code: status.status === 'failed' ? 'vendor_failed' : 'vendor_cancelled',
      message: `Starship reported the order ${status.status}`,
    };
  }
  return mapped;
}

function mapVoucher(voucher: StarshipVoucher, faceValue: Money, rawStatus: string): Voucher {
  // Every voucher Starship lists under a delivering status is a delivered one.
  const mapped: Voucher = { status: 'issued', rawStatus, faceValue };
  if (voucher.card_number) mapped.code = new Secret(voucher.card_number);
  if (voucher.pin_code) mapped.pin = new Secret(voucher.pin_code);
  if (voucher.claim_url) mapped.claimUrl = new Secret(voucher.claim_url);
  if (voucher.voucher_reference_number) mapped.vendorReference = voucher.voucher_reference_number;
  if (voucher.expires_at) mapped.expiresAt = voucher.expires_at;
  return mapped;
}

/** How a joined order's status follows from its parts' (each already mapped). */
function joinStatus(statuses: readonly OrderStatus[]): OrderStatus {
  if (statuses.every((s) => s === statuses[0])) return statuses[0]!;
  if (statuses.includes('pending') || statuses.includes('processing')) {
    // Some part still runs: the whole still runs (pending only if nothing has started).
    return statuses.some((s) => s !== 'pending') ? 'processing' : 'pending';
  }
  // All final but different: something was delivered and something was not, or nothing was at all.
  if (statuses.some((s) => s === 'fulfilled' || s === 'partially_fulfilled')) return 'partially_fulfilled';
  return statuses.includes('failed') ? 'failed' : 'cancelled';
}

/**
 * Joins the parts of a multi-line request (one Starship order per line, in line order) into one order:
 * one line per part, the status of the whole, the sum of the charges, `vendorOrderId` `"a,b,c"`.
 */
export function joinStarshipOrders(
  reference: string,
  parts: readonly GiftCardOrder[],
  now: Date = new Date(),
): GiftCardOrder {
  if (parts.length === 1) return parts[0]!;
  const lines: OrderLine[] = parts.flatMap((part) => part.lines);
  const status = joinStatus(parts.map((part) => part.status));
  const joined: GiftCardOrder = {
    vendor: STARSHIP_VENDOR,
    reference,
    vendorOrderId: parts.map((part) => part.vendorOrderId).join(','),
    status,
    rawStatus: parts.map((part) => part.rawStatus ?? '').join(','),
    lines,
    updatedAt: now.toISOString(),
  };
  const charges = parts.map((part) => part.charged);
  if (charges.every((c): c is Money => c !== undefined)) {
    joined.charged = charges.slice(1).reduce((sum, c) => addMoney(sum, c), charges[0]!);
  }
  if (parts.some((part) => part.unrecognizedStatus)) joined.unrecognizedStatus = true;
  const placed = parts.map((part) => part.placedAt).filter((p): p is string => p !== undefined);
  if (placed.length > 0) joined.placedAt = placed.sort()[0]!;
  // A part that the vendor deliberately did not deliver names the reason; a mixed result is partial.
  const failure = parts.find((part) => part.failure)?.failure;
  if (failure && status !== 'fulfilled') {
    joined.failure = status === 'partially_fulfilled' ? { ...failure, code: 'vendor_partial' } : failure;
  }
  // Each part's reference must be ours; a part naming another reference poisons the join on purpose.
  const stranger = parts.find((part) => part.reference !== reference);
  if (stranger) joined.reference = stranger.reference;
  return joined;
}
