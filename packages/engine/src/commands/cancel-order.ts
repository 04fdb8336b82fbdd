import { normalizeReference } from '@giftwire/core';
import { CancelNotAllowedError } from '../errors';
import { advanceOrder } from '../fulfillment/advance-order';
import { VENDOR_ORDER_MISMATCH } from '../fulfillment/vendor-order-matches-request';
import { closedWithoutVendor, vendorOrderChanges, writeTransition } from '../fulfillment/write-transition';
import type { FulfillmentOrder } from '../to-fulfillment-order';
import type { CommandContext } from './command-context';

/**
 * `Fulfiller.cancel`: cancels where the vendor allows. Each try reads the order afresh and writes with
 * compare-and-set; a write that loses (another process moved the order) tries again, five times at most.
 */
export async function cancelOrder(ctx: CommandContext, input: string): Promise<FulfillmentOrder> {
  const reference = normalizeReference(input);
  const { clock, view } = ctx;
  return ctx.runExclusive(reference, async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await ctx.mustGet(reference);
      const adapter = ctx.vendors.get(record.vendor);
      const canCancel = Boolean(adapter?.capabilities.cancel && adapter.cancelOrder);
      if (record.state === 'settled') {
        if (record.status === 'cancelled') return view(record);
        throw new CancelNotAllowedError(reference, 'it has already settled');
      }
      if (record.state === 'accepted') {
        // Nothing was sent: close it here.
        const closed = closedWithoutVendor(record, 'cancelled', clock.now());
        const written = await writeTransition(ctx, record, vendorOrderChanges(ctx, record, closed), {
          action: 'cancel',
          outcome: 'ok',
          detail: { sent: false },
        });
        if (written) return view(written);
        continue;
      }
      if (
        record.state === 'needs_attention' &&
        record.attention?.reason === VENDOR_ORDER_MISMATCH &&
        record.sealedOrder === undefined &&
        record.vendorOrderId === undefined
      ) {
        // The vendor refused our only send: its order under this reference is someone else's, and nothing
        // of ours was taken. Closing it here is safe; the foreign order is left alone.
        const closed = closedWithoutVendor(record, 'cancelled', clock.now());
        const written = await writeTransition(
          ctx,
          record,
          { ...vendorOrderChanges(ctx, record, closed), attention: undefined },
          { action: 'cancel', outcome: 'ok', detail: { sent: false, attention: VENDOR_ORDER_MISMATCH } },
        );
        if (written) return view(written);
        continue;
      }
      if (record.state === 'placing') {
        // The placement may have landed: remember the wish and act once it is reconciled.
        const written = await writeTransition(
          ctx,
          record,
          { cancelRequested: true },
          { action: 'cancel', outcome: 'ok', detail: { deferred: true } },
        );
        if (written) return view(written);
        continue;
      }
      if (!canCancel || !adapter)
        throw new CancelNotAllowedError(reference, `${record.vendor} does not support cancelling orders`);
      if (record.state === 'needs_attention')
        throw new CancelNotAllowedError(reference, 'it needs attention; retry it first');
      const written = await writeTransition(
        ctx,
        record,
        { cancelRequested: true, nextActionAt: clock.now() },
        { action: 'cancel', outcome: 'ok' },
      );
      if (!written) continue;
      await advanceOrder(ctx, reference, { force: true });
      return view(await ctx.mustGet(reference));
    }
    throw new CancelNotAllowedError(reference, 'the order kept changing; try again');
  });
}
