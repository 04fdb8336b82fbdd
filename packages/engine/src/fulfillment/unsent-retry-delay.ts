import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { retryDelay } from './poll-delay';

/**
 * Backoff before trying again a placement that was refused before it was sent (the adapter could not check
 * it, its connection was never opened). Such refusals are not attempts — nothing reached the vendor — so
 * `placeAttempts` does not grow and cannot pace them; the attempt log does: each one is a `place` error that
 * left the order `accepted` as it found it. Without this a long catalog outage would be retried every second.
 */
export async function unsentRetryDelay(ctx: EngineContext, record: OrderRecord): Promise<number> {
  const log = await ctx.store.attempts(record.reference);
  const refusals = log.filter(
    (a) =>
      a.action === 'place' && a.outcome === 'error' && a.fromState === 'accepted' && a.toState === 'accepted',
  ).length;
  return retryDelay(refusals + 1, ctx.tuning.random);
}
