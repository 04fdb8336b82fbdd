import type { SubscriberArgs, SubscriberConfig } from '@medusajs/framework';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { followSettlements } from '../lib/follow-settlements';
import { placePaidOrder } from '../lib/place-paid-order';
import { registerConfiguredVendors } from '../lib/register-configured-vendors';
import { ensureEnginesStarted } from '../lib/registrations';

/**
 * `payment.captured` (Medusa 2.21 `PaymentEvents.CAPTURED`, emitted by `capturePaymentWorkflow`: the admin's
 * capture, a provider webhook, "mark as paid") carries the payment id. Its order is placed with the vendor
 * once the capture makes it paid in full; a repeated event finds the fulfillment there and places nothing.
 */
export default async function giftwirePaymentCaptured({ event, container }: SubscriberArgs<{ id: string }>) {
  registerConfiguredVendors(container);
  followSettlements(container);
  await ensureEnginesStarted();
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const {
    data: [payment],
  } = (await query.graph({
    entity: 'payment',
    fields: ['id', 'payment_collection_id'],
    filters: { id: event.data.id },
  })) as { data: Array<{ id: string; payment_collection_id?: string | null }> };
  if (!payment?.payment_collection_id) return;
  // The same link Medusa's capture workflow follows to record the capture on the order.
  const { data: links } = (await query.graph({
    entity: 'order_payment_collection',
    fields: ['order_id'],
    filters: { payment_collection_id: payment.payment_collection_id },
  })) as { data: Array<{ order_id?: string | null }> };
  const orderIds = new Set(links.map((link) => link.order_id).filter((id): id is string => !!id));
  for (const orderId of orderIds) await placePaidOrder(container, orderId);
}

export const config: SubscriberConfig = {
  event: 'payment.captured',
  context: { subscriberId: 'giftwire-payment-captured' },
};
