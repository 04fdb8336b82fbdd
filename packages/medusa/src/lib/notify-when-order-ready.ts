import type { MedusaContainer } from '@medusajs/framework/types';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import type { OrderForDelivery } from './find-order-for-delivery';
import { registrationIdOf } from './giftwire-provider-id';
import { itemSku } from './item-sku';
import { notifyCustomer } from './notify-customer';
import { isGiftwireSku } from './registrations';
import { unfulfilledItems } from './unfulfilled-items';

/**
 * How long a delivered vendor order waits for the other vendor orders of its Medusa order before the
 * customer is told about what is ready so far (a vendor stuck in needs_attention must not hold back the
 * codes the other vendors delivered). The `giftwire-sync` job re-checks every minute.
 */
export const NOTIFY_READY_SO_FAR_AFTER_MS = 30 * 60_000;

const TOLD = ['delivered', 'partially_delivered'];

/**
 * One "codes ready" notification per Medusa order, sent when the last of its vendor orders settled (one
 * vendor order per vendor: a mixed cart settles in several steps) and no gift-card line waits to be placed. A failed vendor order counts as settled,
 * so the others are not held back by it; a vendor order still pending after `NOTIFY_READY_SO_FAR_AFTER_MS`
 * lets the delivered ones be told on their own ("ready so far", keyed per reference), and the order-level
 * message follows once the rest settle. Keys: `giftwire:<reference>` for an order with one vendor order (as
 * before), `giftwire:order:<order id>` for several. Rows it told get `notified_at`.
 *
 * @example
 * await notifyWhenOrderReady(container, 'digital', order, reference); // after the vault row is written
 */
export async function notifyWhenOrderReady(
  container: MedusaContainer,
  registrationId: string,
  order: OrderForDelivery,
  reference: string,
  now = Date.now(),
): Promise<void> {
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  const rows = await vault.listGiftwireDeliveries({ order_id: order.id });
  // Every live giftwire vendor order of the Medusa order, whichever registration placed it.
  const live = (order.fulfillments ?? [])
    .filter((f) => !f.canceled_at && registrationIdOf(f.provider_id) !== undefined)
    .map((f) => f.data?.reference)
    .filter((ref): ref is string => typeof ref === 'string');
  if (!live.includes(reference)) live.push(reference);
  const settled = new Set(rows.filter((row) => row.status !== 'unassigned').map((row) => row.reference));
  const untold = rows.filter(
    (row) => live.includes(row.reference) && TOLD.includes(row.status) && !row.notified_at,
  );
  if (untold.length === 0) return;

  // Placement creates one fulfillment per vendor, one after the other: the first vendor order may settle
  // before the next vendor's fulfillment exists. A gift-card line not fulfilled yet is a vendor order to come.
  const unplaced = unfulfilledItems(order).some(({ item }) => {
    const sku = itemSku(item);
    return sku !== undefined && isGiftwireSku(sku);
  });
  const pending = live.filter((ref) => !settled.has(ref));
  if (unplaced) pending.push('(not placed yet)');
  let told = untold;
  let key = live.length === 1 ? `giftwire:${live[0]}` : `giftwire:order:${order.id}`;
  if (pending.length > 0) {
    const mine = untold.find((row) => row.reference === reference);
    const deliveredAt = mine?.delivered_at ? new Date(mine.delivered_at).getTime() : undefined;
    if (!mine || deliveredAt === undefined || now - deliveredAt < NOTIFY_READY_SO_FAR_AFTER_MS) return;
    told = [mine];
    key = `giftwire:${reference}`;
  }
  if (!(await notifyCustomer(container, registrationId, order, key))) return;
  for (const row of told) await vault.updateGiftwireDeliveries({ id: row.id, notified_at: new Date(now) });
}
