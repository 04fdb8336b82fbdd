import { normalizeReference } from '@giftwire/core';
import { RetryNotAllowedError } from '../errors';
import { VENDOR_ORDER_MISMATCH } from '../fulfillment/vendor-order-matches-request';
import { writeTransition } from '../fulfillment/write-transition';
import { ACTIVE_STATES } from '../order-record';
import type { FulfillmentOrder } from '../to-fulfillment-order';
import type { CommandContext } from './command-context';

/** `Fulfiller.retry`: takes an order out of `needs_attention` (or wakes an active one) to be tried now. */
export async function retryOrder(ctx: CommandContext, input: string): Promise<FulfillmentOrder> {
  const reference = normalizeReference(input);
  const record = await ctx.mustGet(reference);
  if (record.state === 'needs_attention' && record.attention?.reason === VENDOR_ORDER_MISMATCH) {
    throw new RetryNotAllowedError(
      reference,
      'the vendor order under its reference is not the one this engine sent; resolve it at the vendor',
    );
  }
  if (record.state === 'needs_attention') {
    const adapter = ctx.vendors.get(record.vendor);
    const now = ctx.clock.now();
    const landed = record.vendorOrderId !== undefined || record.sealedOrder !== undefined;
    const written = await writeTransition(
      ctx,
      record,
      {
        // Never place blindly: an order that may have landed is reconciled by reference first.
        state: landed ? 'placed' : 'placing',
        attention: undefined,
        placeAttempts: 0,
        nextActionAt: now,
        deadlineAt: landed && adapter ? now + adapter.limits.deadlineMs : record.deadlineAt,
      },
      { action: 'retry', outcome: 'ok' },
    );
    return ctx.view(written ?? (await ctx.mustGet(reference)));
  }
  if (ACTIVE_STATES.includes(record.state)) await ctx.advance(reference, true);
  return ctx.view(await ctx.mustGet(reference));
}
