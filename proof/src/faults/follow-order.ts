import type { Money } from '@giftwire/core';

/** How long an order may take to settle or be flagged, faults and restarts included, before it counts as stuck. */
export const RESOLVE_WITHIN_MS = 60_000;
const POLL_EVERY_MS = 100;

/**
 * What a shop shows of one vendor order, whichever shop it is (the Express router's order, or the Medusa
 * plugin's codes and admin routes): its engine state, the charge it records, and why it was flagged.
 */
export interface OrderView {
  readonly state: string;
  readonly charged?: Money | undefined;
  readonly attention?: { readonly reason: string } | undefined;
}

/**
 * Reads an order as its owner until it is settled or flagged `needs_attention` (`ready()` says whether a view
 * may count yet: after a crash, only the restarted process's), or until it counts as stuck; answers the last
 * view read. The Express and the Medusa journeys share it, so both follow an order by the same rules.
 *
 * @example
 * const seen = await followOrder(async () => (await client.get(customer, reference)).body);
 */
export async function followOrder<View extends OrderView>(
  read: () => Promise<View | undefined>,
  ready: () => boolean = () => true,
  withinMs = RESOLVE_WITHIN_MS,
): Promise<View | undefined> {
  const until = Date.now() + withinMs;
  let seen: View | undefined;
  while (Date.now() < until) {
    const view = await read();
    if (view) {
      seen = view;
      if ((seen.state === 'settled' || seen.state === 'needs_attention') && ready()) break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  return seen;
}
