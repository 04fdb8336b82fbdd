import type { Fulfiller, FulfillmentOrder } from '@giftwire/engine';

/** Resolves when `predicate` holds for the order, asking the engine (not the vendor). */
export async function waitForOrder(
  fulfiller: Fulfiller,
  reference: string,
  predicate: (order: FulfillmentOrder) => boolean,
  timeoutMs = 15_000,
): Promise<FulfillmentOrder> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await fulfiller.get(reference);
    if (order && predicate(order)) return order;
    if (Date.now() > deadline) {
      throw new Error(`order ${reference} never matched; last ${order?.state}/${order?.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const isSettled = (order: FulfillmentOrder) => order.state === 'settled';
export const needsAttention = (order: FulfillmentOrder) => order.state === 'needs_attention';
