import type { Fulfiller, FulfillmentOrder } from '@giftwire/engine';
import { waitFor } from '@giftwire/test-kit';

/** Resolves when `predicate` holds for the order, asking the engine (not the vendor). */
export async function waitForOrder(
  fulfiller: Fulfiller,
  reference: string,
  predicate: (order: FulfillmentOrder) => boolean,
  timeoutMs = 15_000,
): Promise<FulfillmentOrder> {
  let last: FulfillmentOrder | undefined;
  return waitFor(
    async () => {
      last = await fulfiller.get(reference);
      return last && predicate(last) && last;
    },
    { timeoutMs, message: () => `order ${reference} (last ${last?.state}/${last?.status})` },
  );
}

export const isSettled = (order: FulfillmentOrder) => order.state === 'settled';
export const needsAttention = (order: FulfillmentOrder) => order.state === 'needs_attention';
