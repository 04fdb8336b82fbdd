import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { placeAcceptedOrder, reconcilePlacement } from './place-accepted-order';
import { pollPlacedOrder } from './poll-placed-order';
import { vendorOf } from './vendor-of';
import { attentionChanges, writeTransition } from './write-transition';

/**
 * One step for one order, chosen by its persisted state. Runs are idempotent: a run that finds the order
 * not yet due, or already moved on, reschedules or does nothing.
 */
export async function advanceOrder(
  ctx: EngineContext,
  reference: string,
  options: { force?: boolean } = {},
): Promise<void> {
  const record = await ctx.store.get(reference);
  if (!record) return;
  const now = ctx.clock.now();
  if (!options.force && record.nextActionAt !== undefined && record.nextActionAt > now) {
    // Woken early (a duplicate schedule, a sweep): keep the appointment.
    if (record.state === 'accepted' || record.state === 'placing' || record.state === 'placed') {
      await ctx.scheduler.schedule(reference, record.nextActionAt);
    }
    return;
  }
  await step(ctx, record);
}

async function step(ctx: EngineContext, record: OrderRecord): Promise<void> {
  if (record.state === 'settled' || record.state === 'needs_attention') return;
  const adapter = vendorOf(ctx, record);
  if (!adapter) {
    await writeTransition(
      ctx,
      record,
      attentionChanges(ctx, 'unknown_vendor', `no adapter is configured for vendor "${record.vendor}"`),
      {
        action: 'retry',
        outcome: 'error',
      },
    );
    return;
  }
  switch (record.state) {
    case 'accepted':
      await placeAcceptedOrder(ctx, record, adapter);
      return;
    case 'placing':
      await reconcilePlacement(ctx, record, adapter);
      return;
    case 'placed':
      await pollPlacedOrder(ctx, record, adapter);
      return;
  }
}
