import type { GiftCardOrder } from '@giftwire/core';
import { normalizeReference } from '@giftwire/core';
import type { AttemptLogEntry } from '../order-record';
import { type FulfillmentOrder, vendorOrderOf } from '../to-fulfillment-order';
import type { CommandContext } from './command-context';

/** What staff see of one order (`Fulfiller.inspect`): never for customers. */
export interface OrderInspection {
  /** The public view, exactly as `get` shows it. */
  order: FulfillmentOrder;
  /**
   * The vendor order as last recorded, unsealed and in full: codes, PINs and claim URLs as `Secret`s, and the
   * vendor's own free text (raw status words, error messages, serial numbers, card ids). For an order flagged
   * `vendor_order_mismatch` this is the vendor order that was refused — someone else's codes, perhaps.
   */
  vendorOrder?: GiftCardOrder;
  /** The redacted audit trail. */
  attempts: AttemptLogEntry[];
}

/** `Fulfiller.inspect`: the order with its vendor order unsealed, for staff. */
export async function inspectOrder(
  ctx: CommandContext,
  reference: string,
): Promise<OrderInspection | undefined> {
  await ctx.ready();
  const key = normalizeReference(reference);
  const record = await ctx.store.get(key);
  if (!record) return undefined;
  const inspection: OrderInspection = { order: ctx.view(record), attempts: await ctx.store.attempts(key) };
  const vendorOrder = vendorOrderOf(record, ctx.cipher);
  if (vendorOrder) inspection.vendorOrder = vendorOrder;
  return inspection;
}
