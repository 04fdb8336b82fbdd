import type { SubscriberArgs, SubscriberConfig } from '@medusajs/framework';
import type { Logger } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MathBN } from '@medusajs/framework/utils';
import { createOrderFulfillmentWorkflow } from '@medusajs/medusa/core-flows';
import { ensureEnginesStarted } from '../lib/engine-registry';
import { followSettlements } from '../lib/follow-settlements';
import { withLock } from '../lib/with-lock';

interface PlacedOrder {
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

export const GIFTWIRE_PROVIDER_PREFIX = 'giftwire_';

/**
 * A paid order whose shipping method is a giftwire option is fulfilled at once: one fulfillment per giftwire
 * shipping method with the items of that option's shipping profile. The provider places the vendor order and
 * returns quickly; delivery follows when the vendor settles. A second delivery of the event finds the
 * fulfillment already there and does nothing.
 */
export default async function giftwireOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  followSettlements(container);
  await ensureEnginesStarted();
  // Two deliveries of the event at once must not both find "no fulfillment yet" and order twice.
  await withLock(container, `giftwire:fulfil:${event.data.id}`, () => fulfilOrder(container, event.data.id));
}

async function fulfilOrder(container: SubscriberArgs<unknown>['container'], orderId: string): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const {
    data: [order],
  } = (await query.graph({
    entity: 'order',
    fields: [
      'id',
      'items.id',
      // `items.quantity` alone comes back empty from Query; the whole item (with its detail) does not.
      'items.*',
      'items.variant.product.shipping_profile.id',
      'shipping_methods.shipping_option_id',
      'fulfillments.provider_id',
      'fulfillments.canceled_at',
    ],
    filters: { id: orderId },
  })) as { data: PlacedOrder[] };
  if (!order) return;

  const optionIds = (order.shipping_methods ?? [])
    .map((method) => method.shipping_option_id)
    .filter((id): id is string => typeof id === 'string');
  if (optionIds.length === 0) return;
  const { data: options } = (await query.graph({
    entity: 'shipping_option',
    fields: ['id', 'provider_id', 'shipping_profile_id'],
    filters: { id: optionIds },
  })) as { data: ShippingOption[] };

  for (const option of options.filter((o) => o.provider_id?.startsWith(GIFTWIRE_PROVIDER_PREFIX))) {
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
    } catch (error) {
      // The order stays paid and unfulfilled; the shop sees it in the admin and can fulfil it by hand.
      logger.error(
        `[giftwire] could not fulfil order ${order.id} with ${option.provider_id}: ${(error as Error).message}`,
      );
      throw error;
    }
  }
}

export const config: SubscriberConfig = {
  event: 'order.placed',
  context: { subscriberId: 'giftwire-order-placed' },
};
