import { followOrder, type OrderView } from '../faults/follow-order';
import { type OrderTally, tallyOrder } from '../faults/order-tally';
import type { VendorUnderProof } from '../world/start-proof-world';
import type { CodesView, MedusaClient, MedusaCustomer } from './medusa-client';
import type { MedusaShop } from './start-medusa-shop';

/** A Medusa order of one card line of one vendor, paid by its customer. */
export interface MedusaPaidOrder {
  readonly vendor: VendorUnderProof;
  readonly customer: MedusaCustomer;
  readonly orderId: string;
}

/**
 * A customer checks out a cart of `quantity` cards of `vendor` through the store API (the digital delivery
 * option, Medusa's test payment): Medusa emits `order.placed` and the plugin places the vendor order.
 *
 * @example
 * const order = await checkoutMedusaOrder(client, medusa, vendor, buyer, 1);
 */
export async function checkoutMedusaOrder(
  client: MedusaClient,
  medusa: MedusaShop,
  vendor: VendorUnderProof,
  customer: MedusaCustomer,
  quantity: number,
): Promise<MedusaPaidOrder> {
  const orderId = await client.checkout(customer, medusa.store.variants[vendor.vendor]!, quantity);
  return { vendor, customer, orderId };
}

/** The owner's view of the order's one vendor order, from the plugin's codes route. */
type Delivery = CodesView['deliveries'][number];

/**
 * Follows a Medusa order as its owner (the plugin's codes route) until its vendor order is settled or flagged,
 * then tallies it from the sandbox's records by the rules the Express journey uses: the owner's last codes
 * answer is the reveal, and what the shop records as charged (and why it flagged the order) comes from the
 * staff's view, `GET /admin/giftwire/orders/:id`, since the store route shows neither.
 *
 * @example
 * const tally = await followMedusaOrder(client, order, await medusa.adminToken());
 */
export async function followMedusaOrder(
  client: MedusaClient,
  order: MedusaPaidOrder,
  adminToken: string,
  withinMs?: number,
): Promise<OrderTally & { reference: string }> {
  let revealedText = '';
  const seen = await followOrder<Delivery>(
    async () => {
      const answer = await client.codes(order.orderId, order.customer, true);
      const delivery = answer.status === 200 ? answer.body?.deliveries?.[0] : undefined;
      if (!delivery) return undefined;
      revealedText = answer.text;
      // Settled at the vendor is not yet delivered to the owner: the plugin stores the cards in its vault
      // right after, and only then are they readable. Until then the order is still on its way.
      const delivering = delivery.state === 'settled' && delivery.delivery_status === 'pending';
      return { ...delivery, state: delivering ? 'delivering' : delivery.state };
    },
    undefined,
    withinMs,
  );
  const reference = seen?.reference ?? '';
  let view: OrderView | undefined = seen;
  if (seen) {
    const staff = await client.adminOrder(order.orderId, adminToken);
    const record = staff.body?.deliveries?.find((d) => d.reference === reference);
    view = {
      state: seen.state,
      charged: record?.settlement?.charged,
      attention: record?.attention ?? undefined,
    };
  }
  // No vendor order was ever shown: nothing to look up at the vendor, and the order counts as unresolved.
  const tally = reference
    ? tallyOrder(order.vendor.sandbox, reference, view, revealedText)
    : tallyOrder(order.vendor.sandbox, `unknown-${order.orderId}`, undefined, '');
  return { ...tally, reference };
}
