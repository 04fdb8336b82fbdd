import type { AnyVendorSandbox } from '@giftwire/conformance';
import { addMoney, type Money, normalizeDecimal, normalizeReference } from '@giftwire/core';
import type { OrderView } from './follow-order';

/**
 * What one order came to, counted from the vendor sandbox's own records (orders, cards, charges, the secrets
 * it issued) against what the shop shows the order's owner — never from giftwire's store.
 */
export interface OrderTally {
  /** Vendor orders the sandbox holds under the reference: exactly 1 is right. */
  readonly vendorOrders: number;
  /** Cards the vendor issued for the reference. */
  readonly cardsIssued: number;
  /** Of those, cards whose code the owner can read through the shop. */
  readonly cardsReadable: number;
  /** The order is neither settled nor flagged `needs_attention` when the case ends. */
  readonly unresolved: boolean;
  /** What the vendor charged for the reference differs from what the shop shows as charged. */
  readonly moneyMismatch: boolean;
  /** The shop's final state for the order, for the report; a flagged order says why (`needs_attention: …`). */
  readonly state: string;
}

/** The nonzero-means-broken counts of a tally, as the report sums them. */
export function brokenCounts(tally: OrderTally) {
  return {
    duplicates: Math.max(0, tally.vendorOrders - 1),
    missing: tally.vendorOrders === 0 && tally.state === 'settled' ? 1 : 0,
    lostCards: tally.cardsIssued - tally.cardsReadable,
    unresolved: tally.unresolved ? 1 : 0,
    moneyMismatch: tally.moneyMismatch ? 1 : 0,
  };
}

export type BrokenCounts = ReturnType<typeof brokenCounts>;

/**
 * Counts `reference` from `sandbox` against the owner's last view of it (`seen`) and the owner's reveal
 * (`revealedText`, the raw answer; empty when the shop would not reveal).
 */
export function tallyOrder(
  sandbox: AnyVendorSandbox,
  reference: string,
  seen: OrderView | undefined,
  revealedText: string,
): OrderTally {
  const key = normalizeReference(reference);
  const orders = sandbox.orders().filter((o) => normalizeReference(o.reference) === key);
  const issued = sandbox.issuedSecrets(reference);
  // A card is readable when its code reached the owner; a vendor that issues PINs or links only (no code) is
  // counted by those.
  const handles = issued.codes.length > 0 ? issued.codes : issued.pins.length > 0 ? issued.pins : issued.urls;
  const cardsIssued = orders.reduce((sum, o) => sum + o.cardsIssued, 0);
  const readableHandles = handles.filter((h) => revealedText.includes(h)).length;
  const cardsReadable =
    handles.length === 0 ? 0 : Math.round((readableHandles / handles.length) * cardsIssued);
  const state = seen?.state ?? 'unknown';
  const shown = state === 'needs_attention' && seen?.attention ? `${state}: ${seen.attention.reason}` : state;
  const charged = sumCharged(orders.map((o) => o.charged));
  return {
    vendorOrders: orders.length,
    cardsIssued,
    cardsReadable,
    unresolved: state !== 'settled' && state !== 'needs_attention',
    moneyMismatch: !sameMoney(charged, seen?.charged),
    state: shown,
  };
}

function sumCharged(charges: (Money | null)[]): Money | undefined {
  const present = charges.filter((c): c is Money => c !== null);
  if (present.length === 0) return undefined;
  const currency = present[0]!.currency;
  // Charges in two currencies for one reference cannot be the one amount the shop shows.
  if (present.some((c) => c.currency !== currency)) return { amount: 'mixed', currency: 'XXX' };
  return present.reduce((sum, c) => addMoney(sum, c));
}

/** No charge and a zero charge are the same; otherwise amount and currency must agree exactly. */
function sameMoney(a: Money | undefined, b: Money | undefined): boolean {
  const zero = (m: Money | undefined) => m === undefined || normalizeDecimal(m.amount) === '0';
  if (zero(a) || zero(b)) return zero(a) && zero(b);
  return a!.currency === b!.currency && normalizeDecimal(a!.amount) === normalizeDecimal(b!.amount);
}
