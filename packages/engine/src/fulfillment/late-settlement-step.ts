import { type GiftCardOrder, isFinal, normalizeDecimal, type VendorAdapter } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { attentionChanges, vendorOrderChanges, writeTransition } from './record-writer';

/**
 * Attention reasons after which nothing may reopen the order by itself. `vendor_order_mismatch`: the vendor
 * holds an order under our reference that is not the one we asked for; its codes are shown to nobody until
 * a person has looked, whatever the vendor later reports.
 */
export const NEVER_REOPENED_AUTOMATICALLY: ReadonlySet<string> = new Set(['vendor_order_mismatch']);

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
  // References are compared case-insensitively, as vendors do; an order under another one is not ours.
  if (order.reference.toLowerCase() !== record.reference.toLowerCase() || !isFinal(order.status)) return;
  if (!linesMatchRequest(record, order)) {
    // Possibly adopted here for the first time (its placement was never confirmed): what the vendor holds
    // under our reference is not what we asked for, so its codes go to nobody.
    await writeTransition(
      ctx,
      record,
      attentionChanges(ctx, 'vendor_order_mismatch', "the vendor's order under this reference is not ours"),
      {
        action: 'webhook',
        outcome: 'error',
        detail: { status: order.rawStatus ?? order.status, late: true },
      },
    );
    return;
  }
  await writeTransition(
    ctx,
    record,
    { ...vendorOrderChanges(ctx, record, order), attention: undefined },
    { action: 'webhook', outcome: 'ok', detail: { status: order.rawStatus ?? order.status, late: true } },
  );
}

/** Same products, quantities and face values, line by line in any order. */
function linesMatchRequest(record: OrderRecord, order: GiftCardOrder): boolean {
  const key = (line: {
    productId: string;
    quantity: number;
    faceValue: { amount: string; currency: string };
  }) =>
    `${line.productId}|${line.quantity}|${normalizeDecimal(line.faceValue.amount)}|${line.faceValue.currency}`;
  const wanted = record.request.lines.map(key).sort();
  const held = order.lines.map(key).sort();
  return wanted.length === held.length && wanted.every((line, index) => line === held[index]);
}
