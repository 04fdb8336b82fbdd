import type { GiftCardOrder, VendorLimits } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';

/** Cards the vendor has issued so far: with the status, what tells one partial answer from the next. */
export function issuedCount(order: GiftCardOrder): number {
  let issued = 0;
  for (const line of order.lines) {
    for (const voucher of line.vouchers) if (voucher.status === 'issued') issued++;
  }
  return issued;
}

/**
 * Whether a partial answer must be followed further instead of settled. Some vendors' partial delivery is a
 * step on the way (Starship's PARTIALLY_DELIVERED may become DELIVERED or CANCELLED): settling it at once
 * would report as "not charged" cards the vendor still delivers and charges. Such a vendor declares
 * `limits.partialSettlesAfterMs`; the order settles as it stands once it has reported the same status and the
 * same number of issued cards — as the attempt log records each answer — for that long. Past its deadline
 * nothing is followed further: it settles as it stands.
 */
export async function partialStillConverging(
  ctx: EngineContext,
  record: OrderRecord,
  order: GiftCardOrder,
  limits: VendorLimits,
  { deadlineReached }: { deadlineReached: boolean },
): Promise<boolean> {
  const settleMs = limits.partialSettlesAfterMs;
  if (order.status !== 'partially_fulfilled' || settleMs === undefined || deadlineReached) return false;
  const now = ctx.clock.now();
  return now - (await unchangedSince(ctx, record.reference, issuedCount(order), now)) < settleMs;
}

/** When the vendor first gave the answer it gives now, in the unbroken run of answers up to now. */
async function unchangedSince(
  ctx: EngineContext,
  reference: string,
  issued: number,
  now: number,
): Promise<number> {
  const attempts = await ctx.store.attempts(reference);
  let since = now;
  for (let i = attempts.length - 1; i >= 0; i--) {
    const detail = attempts[i]!.detail;
    if (detail?.status === undefined) continue;
    if (detail.status !== 'partially_fulfilled' || detail.issued !== issued) break;
    since = Date.parse(attempts[i]!.at);
  }
  return since;
}
