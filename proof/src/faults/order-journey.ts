import { randomUUID } from 'node:crypto';
import type { PlaceOrderRequest } from '@giftwire/core';
import type { ShopClient } from '../shop/shop-client';
import type { VendorUnderProof } from '../world/start-proof-world';
import { followOrder } from './follow-order';
import { type OrderTally, tallyOrder } from './order-tally';

/** A paid order of one customer, and what the shop answered when it was placed. */
export interface PaidOrder {
  readonly vendor: VendorUnderProof;
  readonly reference: string;
  readonly customer: string;
  readonly shopOrderId: string;
  readonly lines: PlaceOrderRequest['lines'];
  /** The status of the last `POST /orders` (0: the shop did not answer). */
  placedStatus: number;
}

/** A customer pays at the shop's checkout: the order exists in the shop's records, nothing is placed yet. */
export async function payForOrder(
  client: ShopClient,
  vendor: VendorUnderProof,
  index: number,
): Promise<PaidOrder> {
  const reference = randomUUID();
  const customer = `cus_${vendor.vendor}_${index}`;
  const shopOrderId = `shop_${reference}`;
  const { lines } = vendor.harness.sampleRequest(reference, 1 + (index % 2), index);
  const checkout = await client.checkout(customer, { shopOrderId, reference, lines });
  if (checkout.status !== 201) throw new Error(`checkout answered ${checkout.status}`);
  return { vendor, reference, customer, shopOrderId, lines, placedStatus: 0 };
}

/** The body of `POST /orders` for a paid order: what the customer's browser sends. */
export function placementOf(order: Pick<PaidOrder, 'vendor' | 'shopOrderId' | 'reference' | 'lines'>) {
  return {
    vendor: order.vendor.vendor,
    shopOrderId: order.shopOrderId,
    reference: order.reference,
    lines: order.lines,
  };
}

/** The customer's browser posts the paid order to the giftwire router (again, if it was refused before). */
export async function placeOrder(client: ShopClient, order: PaidOrder): Promise<number> {
  const answer = await client.place(order.customer, placementOf(order));
  order.placedStatus = answer.status;
  return answer.status;
}

/**
 * Follows the order as its owner until it is settled or flagged (`ready()` says whether a view may count yet:
 * after a crash, only the restarted process's), reveals its codes when settled, and tallies it from the
 * vendor sandbox's records.
 */
export async function followAndTally(
  client: ShopClient,
  order: PaidOrder,
  ready: () => boolean = () => true,
): Promise<OrderTally> {
  const seen = await followOrder(async () => {
    const answer = await client.get(order.customer, order.reference);
    return answer.status === 200 ? answer.body : undefined;
  }, ready);
  const revealed =
    seen?.state === 'settled' ? await client.reveal(order.customer, order.reference) : undefined;
  const revealedText = revealed?.status === 200 ? JSON.stringify(revealed.body) : '';
  return tallyOrder(order.vendor.sandbox, order.reference, seen, revealedText);
}
