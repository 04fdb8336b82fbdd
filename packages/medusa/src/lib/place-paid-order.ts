import type { Logger, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, type MathBN } from '@medusajs/framework/utils';
import { createOrderFulfillmentWorkflow } from '@medusajs/medusa/core-flows';
import type { ResolvedProviderOptions } from '../providers/giftwire/provider-options';
import { registrationIdOf } from './giftwire-provider-id';
import { itemSku } from './item-sku';
import { notPlaceableReason, PAYABLE_ORDER_FIELDS, type PayableOrder } from './not-placeable-reason';
import { findRegistrationOptions } from './registrations';
import { FULFILLED_ITEM_FIELDS, unfulfilledItems } from './unfulfilled-items';
import { orderLockKey, withLock } from './with-lock';

interface OrderToPlace extends PayableOrder {
  id: string;
  items?: Array<{
    id: string;
    variant_sku?: string | null;
    metadata?: Record<string, unknown> | null;
    quantity: Parameters<typeof MathBN.convert>[0];
    variant?: { product?: { shipping_profile?: { id: string } | null } | null } | null;
  }>;
  shipping_methods?: Array<{ shipping_option_id?: string | null }>;
  fulfillments?: Array<{
    provider_id?: string | null;
    data?: Record<string, unknown> | null;
    canceled_at?: string | Date | null;
    items?: Array<{ line_item_id?: string | null; quantity?: Parameters<typeof MathBN.convert>[0] }>;
  }>;
}

/** The vendor a line's SKU maps to; undefined for an unmapped SKU (the provider refuses it, naming the SKU). */
function vendorOfItem(
  registration: ResolvedProviderOptions | undefined,
  item: NonNullable<OrderToPlace['items']>[number],
): string | undefined {
  const sku = itemSku(item);
  return (sku && registration?.products[sku]?.vendor) || registration?.vendor;
}

/** Mapped vendors first, in the cart's order; unmapped items last, so one bad SKU does not hold the rest back. */
function groupByVendor<Item extends { vendor: string | undefined }>(
  items: Item[],
): Array<[string | undefined, Item[]]> {
  const groups = new Map<string | undefined, Item[]>();
  for (const item of items) groups.set(item.vendor, [...(groups.get(item.vendor) ?? []), item]);
  return [...groups].sort(([a], [b]) => Number(a === undefined) - Number(b === undefined));
}

interface ShippingOption {
  id: string;
  provider_id: string;
  shipping_profile_id: string;
}

/** The order fields placement decides on: items, shipping, fulfillments and the payment state. */
export const ORDER_TO_PLACE_FIELDS = [
  'id',
  ...PAYABLE_ORDER_FIELDS,
  'items.id',
  // `items.quantity` alone comes back empty from Query; the whole item (with its detail) does not.
  'items.*',
  'items.variant.product.shipping_profile.id',
  'shipping_methods.shipping_option_id',
  'fulfillments.provider_id',
  'fulfillments.data',
  ...FULFILLED_ITEM_FIELDS,
];

/** How many giftwire fulfillments were created by one call. */
export interface PlaceOutcome {
  placed: number;
}

/**
 * Fulfils the giftwire shipping methods of an order once it is paid as its registration's `placeOn` option
 * asks (default: captured): per giftwire shipping method, the unfulfilled items of that option's shipping
 * profile are grouped by the vendor their SKU maps to, and each vendor gets one fulfillment (one vendor
 * order, placed by the provider). Called on `order.placed`, on `payment.captured` and by the `giftwire-sync`
 * job, possibly all at once and in several processes: under a per-order lock, and a second call finds each
 * vendor's fulfillment already there (or its items fulfilled) and does nothing. A canceled or refunded order
 * places nothing.
 *
 * @example
 * const { placed } = await placePaidOrder(container, order.id); // 4 for a cart with cards of four vendors
 */
export function placePaidOrder(container: MedusaContainer, orderId: string): Promise<PlaceOutcome> {
  // Two deliveries of an event at once must not both find "no fulfillment yet" and order twice.
  return withLock(container, orderLockKey(orderId), () => placeOnce(container, orderId));
}

async function placeOnce(container: MedusaContainer, orderId: string): Promise<PlaceOutcome> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const {
    data: [order],
  } = (await query.graph({
    entity: 'order',
    fields: ORDER_TO_PLACE_FIELDS,
    filters: { id: orderId },
  })) as { data: OrderToPlace[] };
  if (!order) return { placed: 0 };

  const optionIds = (order.shipping_methods ?? [])
    .map((method) => method.shipping_option_id)
    .filter((id): id is string => typeof id === 'string');
  if (optionIds.length === 0) return { placed: 0 };
  const { data: options } = (await query.graph({
    entity: 'shipping_option',
    fields: ['id', 'provider_id', 'shipping_profile_id'],
    filters: { id: optionIds },
  })) as { data: ShippingOption[] };

  let placed = 0;
  for (const option of options) {
    const registrationId = registrationIdOf(option.provider_id);
    if (!registrationId) continue;
    const reason = notPlaceableReason(order, findRegistrationOptions(registrationId)?.placeOn ?? 'captured');
    if (reason) {
      logger.debug(`[giftwire] order ${order.id} not placed with ${option.provider_id} yet: ${reason}`);
      continue;
    }
    const registration = findRegistrationOptions(registrationId);
    // Only what is not fulfilled yet (a replayed event, a shop that fulfilled part by hand).
    const items = unfulfilledItems(order)
      .filter(({ item }) => {
        const profile = item.variant?.product?.shipping_profile?.id;
        return !profile || profile === option.shipping_profile_id;
      })
      .map(({ item, quantity }) => ({ id: item.id, vendor: vendorOfItem(registration, item), quantity }));
    for (const [vendor, group] of groupByVendor(items)) {
      // That vendor's live fulfillment of this provider is there already: its vendor order exists. A
      // fulfillment whose data names no vendor yet is taken as any vendor's: never risk ordering twice.
      const already = (order.fulfillments ?? []).some(
        (f) =>
          f.provider_id === option.provider_id &&
          !f.canceled_at &&
          (typeof f.data?.vendor !== 'string' || f.data.vendor === vendor),
      );
      if (already) continue;
      try {
        await createOrderFulfillmentWorkflow(container).run({
          input: {
            order_id: order.id,
            shipping_option_id: option.id,
            items: group.map(({ id, quantity }) => ({ id, quantity })),
          },
        });
        placed += 1;
      } catch (error) {
        // The order stays paid and (for this vendor) unfulfilled; the job tries again, and the shop sees it in
        // the admin and can fulfil it by hand.
        logger.error(
          `[giftwire] could not fulfil order ${order.id} with ${option.provider_id}${vendor ? ` (${vendor})` : ''}: ${(error as Error).message}`,
        );
        throw error;
      }
    }
  }
  return { placed };
}
