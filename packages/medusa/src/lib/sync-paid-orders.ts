import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, type MathBN } from '@medusajs/framework/utils';
import { giftwireProviderId, registrationIdOf } from './giftwire-provider-id';
import { notPlaceableReason, PAYABLE_ORDER_FIELDS, type PayableOrder } from './not-placeable-reason';
import { placePaidOrder } from './place-paid-order';
import { findRegistrationOptions, registrationIds } from './registrations';
import { FULFILLED_ITEM_FIELDS, unfulfilledItems } from './unfulfilled-items';

/** Orders older than this are left to staff: an event missed for a week is not something to guess about. */
const CATCH_UP_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The newest orders looked at per run; the job runs every minute. */
const CATCH_UP_BATCH = 200;

interface RecentOrder extends PayableOrder {
  id: string;
  shipping_methods?: Array<{ shipping_option_id?: string | null } | null> | null;
  fulfillments?: Array<{
    provider_id?: string | null;
    canceled_at?: string | Date | null;
    items?: Array<{ line_item_id?: string | null; quantity?: Parameters<typeof MathBN.convert>[0] } | null>;
  } | null> | null;
  items?: Array<{ id: string; quantity?: Parameters<typeof MathBN.convert>[0] } | null> | null;
}

/** Some line not fulfilled yet: a multi-vendor order may have one vendor's fulfillment and not another's. */
function hasUnfulfilledItems(order: RecentOrder): boolean {
  return unfulfilledItems(order).length > 0;
}

/**
 * Places the recent orders that became paid while no event told us: `payment.captured` missed (a crash, a
 * restart, an event bus without retries) or never emitted (Medusa emits none when a payment provider captures
 * during authorization after `order.placed` ran). Each candidate goes through `placePaidOrder`, which checks
 * the payment again under the order's lock.
 */
export async function syncPaidOrders(container: MedusaContainer): Promise<{ placed: number }> {
  const ids = registrationIds();
  if (ids.length === 0) return { placed: 0 };
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data: options } = (await query.graph({
    entity: 'shipping_option',
    fields: ['id', 'provider_id'],
    filters: { provider_id: ids.map(giftwireProviderId) },
  })) as { data: Array<{ id: string; provider_id: string }> };
  if (options.length === 0) return { placed: 0 };
  const providerOf = new Map(options.map((option) => [option.id, option.provider_id]));

  const { data: orders } = (await query.graph({
    entity: 'order',
    fields: [
      'id',
      ...PAYABLE_ORDER_FIELDS,
      'shipping_methods.shipping_option_id',
      'fulfillments.provider_id',
      ...FULFILLED_ITEM_FIELDS,
      'items.*',
    ],
    filters: { status: 'pending', created_at: { $gte: new Date(Date.now() - CATCH_UP_WINDOW_MS) } },
    pagination: { take: CATCH_UP_BATCH, order: { created_at: 'DESC' } },
  })) as { data: RecentOrder[] };

  let placed = 0;
  for (const order of orders) {
    const open = (order.shipping_methods ?? [])
      .map((method) => providerOf.get(method?.shipping_option_id ?? ''))
      .filter((provider): provider is string => !!provider)
      .filter((provider) => {
        const registration = findRegistrationOptions(registrationIdOf(provider) ?? '');
        const fulfilled = (order.fulfillments ?? []).some(
          (f) => f?.provider_id === provider && !f.canceled_at,
        );
        // A multi-vendor registration with one vendor's fulfillment may still owe another vendor's.
        const owed = !fulfilled || (registration?.form === 'multi' && hasUnfulfilledItems(order));
        return owed && notPlaceableReason(order, registration?.placeOn ?? 'captured') === null;
      });
    if (open.length === 0) continue;
    placed += (await placePaidOrder(container, order.id)).placed;
  }
  return { placed };
}
