import type { Logger, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MathBN } from '@medusajs/framework/utils';
import { createOrderFulfillmentWorkflow } from '@medusajs/medusa/core-flows';
import { registrationIdOf } from './giftwire-provider-id';
import { notPlaceableReason, PAYABLE_ORDER_FIELDS, type PayableOrder } from './not-placeable-reason';
import { findRegistrationOptions } from './registrations';
import { withLock } from './with-lock';

interface OrderToPlace extends PayableOrder {
  id: string;
  items?: Array<{
    id: string;
    quantity: Parameters<typeof MathBN.convert>[0];
    detail?: { fulfilled_quantity?: Parameters<typeof MathBN.convert>[0] } | null;
    variant?: { product?: { shipping_profile?: { id: string } | null } | null } | null;
  }>;
  shipping_methods?: Array<{ shipping_option_id?: string | null }>;
  fulfillments?: Array<{ provider_id?: string | null; canceled_at?: string | Date | null }>;
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
  'fulfillments.canceled_at',
];

/** How many giftwire fulfillments were created by one call. */
export interface PlaceOutcome {
  placed: number;
}

/**
 * Fulfils the giftwire shipping methods of an order once it is paid as its vendor's `placeOn` option asks
 * (default: captured): one fulfillment per giftwire shipping method with the items of that option's shipping
 * profile; the provider places the vendor order. Called on `order.placed`, on `payment.captured` and by the
 * `giftwire-sync` job, possibly all at once and in several processes: under a per-order lock, and a second
 * call finds the fulfillment already there and does nothing. A canceled or refunded order places nothing.
 */
export function placePaidOrder(container: MedusaContainer, orderId: string): Promise<PlaceOutcome> {
  // Two deliveries of an event at once must not both find "no fulfillment yet" and order twice.
  return withLock(container, `giftwire:fulfil:${orderId}`, () => placeOnce(container, orderId));
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
    const already = (order.fulfillments ?? []).some(
      (f) => f.provider_id === option.provider_id && !f.canceled_at,
    );
    if (already) continue;
    const items = (order.items ?? [])
      .filter((item) => {
        const profile = item.variant?.product?.shipping_profile?.id;
        return !profile || profile === option.shipping_profile_id;
      })
      // Only what is not fulfilled yet (a replayed event, a shop that fulfilled part by hand).
      .map((item) => ({
        id: item.id,
        quantity: MathBN.sub(item.quantity, item.detail?.fulfilled_quantity ?? 0).toNumber(),
      }))
      .filter((item) => item.quantity > 0);
    if (items.length === 0) continue;
    try {
      await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, shipping_option_id: option.id, items },
      });
      placed += 1;
    } catch (error) {
      // The order stays paid and unfulfilled; the shop sees it in the admin and can fulfil it by hand.
      logger.error(
        `[giftwire] could not fulfil order ${order.id} with ${option.provider_id}: ${(error as Error).message}`,
      );
      throw error;
    }
  }
  return { placed };
}
