import type { SubscriberArgs, SubscriberConfig } from '@medusajs/framework';
import { followSettlements } from '../lib/follow-settlements';
import { placePaidOrder } from '../lib/place-paid-order';
import { registerConfiguredVendors } from '../lib/register-configured-vendors';
import { ensureEnginesStarted } from '../lib/registrations';

/**
 * A new order with a giftwire shipping method is placed with the vendor only if it is already paid as the
 * vendor's `placeOn` option asks: usually it is only authorized here, and `payment.captured` places it later.
 * A payment provider that captures at authorization emits no `payment.captured`, so this is where such an
 * order is placed.
 */
export default async function giftwireOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  registerConfiguredVendors(container);
  followSettlements(container);
  await ensureEnginesStarted();
  await placePaidOrder(container, event.data.id);
}

export const config: SubscriberConfig = {
  event: 'order.placed',
  context: { subscriberId: 'giftwire-order-placed' },
};
