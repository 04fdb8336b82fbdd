import type { EngineContext } from '../fulfillment/engine-context';
import { ACTIVE_STATES } from '../order-record';

/**
 * Schedules every active order: on start (a restart resumes all work) and periodically (`onlyOverdue`:
 * orders whose job a crash or a lost message left unscheduled).
 */
export async function sweepOrders(ctx: EngineContext, onlyOverdue: boolean): Promise<void> {
  const now = ctx.clock.now();
  for (const state of ACTIVE_STATES) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.list({ state, cursor, limit: 500 });
      for (const record of page.records) {
        const at = record.nextActionAt ?? now;
        if (onlyOverdue && at > now - ctx.tuning.sweepIntervalMs) continue;
        await ctx.scheduler.schedule(record.reference, at);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
