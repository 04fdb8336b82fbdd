import { isFinal, type VendorAdapter } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { issuedCount, partialStillConverging } from './partial-still-converging';
import { VENDOR_ORDER_MISMATCH } from './vendor-order-matches-request';
import { vendorOrderChanges, writeTransition } from './write-transition';

/**
 * Attention reasons after which nothing may reopen the order by itself. `vendor_order_mismatch`: the vendor
 * holds an order under our reference that is not the one we asked for; its codes are shown to nobody until
 * a person has looked, whatever the vendor later reports.
 */
export const NEVER_REOPENED_AUTOMATICALLY: ReadonlySet<string> = new Set([VENDOR_ORDER_MISMATCH]);

/**
 * Whether a verified webhook should make the engine look at an order it had handed to a person. An order in
 * `needs_attention` may still be fulfilled by the vendor — it settled after our deadline, or its placement
 * outcome was never resolved — and then its paid codes must reach the customer without waiting for someone
 * to press retry.
 */
export function mayStillBeSettledByVendor(record: OrderRecord): boolean {
  return (
    record.state === 'needs_attention' &&
    (record.attention === undefined || !NEVER_REOPENED_AUTOMATICALLY.has(record.attention.reason))
  );
}

/**
 * Re-fetches an order in `needs_attention` after a verified webhook. Final at the vendor → settled and
 * delivered, the attention cleared (the attempt log keeps why it was raised). Not final, not found, or the
 * fetch failed → left for the person, untouched: a webhook is only a hint.
 */
export async function settleLateOrder(
  ctx: EngineContext,
  reference: string,
  adapter: VendorAdapter,
): Promise<void> {
  // Read again under the order's lock: the order may have moved since the webhook was received.
  const record = await ctx.store.get(reference);
  if (!record || !mayStillBeSettledByVendor(record)) return;
  let order: Awaited<ReturnType<VendorAdapter['getOrder']>>;
  try {
    order = await adapter.getOrder({ reference: record.reference, vendorOrderId: record.vendorOrderId });
  } catch (error) {
    ctx.logger.warn(
      { reference, vendor: record.vendor, err: error },
      'webhook for an order needing attention: re-fetch failed; left for a person',
    );
    return;
  }
  if (!isFinal(order.status)) return;
  const deadlineReached = record.deadlineAt !== undefined && ctx.clock.now() >= record.deadlineAt;
  const stillConverging = await partialStillConverging(ctx, record, order, adapter.limits, {
    deadlineReached,
  });
  // Every recorded vendor order is checked against what was sent (vendorOrderChanges): one that is not ours —
  // possibly seen here for the first time, as its placement was never confirmed — is flagged
  // `vendor_order_mismatch` and its codes go to nobody.
  const changes = vendorOrderChanges(ctx, record, order, { stillConverging });
  const mismatch = changes.attention?.reason === VENDOR_ORDER_MISMATCH;
  // A partial answer that may still change is recorded (the run of unchanged answers grows) and left with the
  // person; a later answer settles it.
  const settles = !mismatch && !stillConverging;
  // Only normalized words in the trail: a vendor's raw status text is sealed with its order.
  await writeTransition(ctx, record, settles ? { ...changes, attention: undefined } : changes, {
    action: 'webhook',
    outcome: mismatch ? 'error' : 'ok',
    detail: { status: order.status, issued: issuedCount(order), late: true },
  });
}
