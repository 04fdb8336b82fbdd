import { randomUUID } from 'node:crypto';
import { isFinal, type PlaceOrderRequest, type VendorAdapter, type VendorOperation } from '@giftwire/core';
import type { OrderCost } from './placement-ceiling';

/** Operations that are not a placement step, when a sandbox sees them while an order is placed. */
const NOT_PLACEMENT = ['getOrder', 'listProducts', 'getBalance', 'cancelOrder'] as const;

/** What `orderCost` needs: a fresh sandbox's call counts, the vendor's adapter on it, and sample orders. */
export interface OrderCostProbe {
  sandbox: { calls(operation: VendorOperation): number };
  adapter: VendorAdapter;
  harness: { sampleRequest(reference: string, cards?: number, index?: number): PlaceOrderRequest };
}

/**
 * Places two orders on `probe`'s fresh sandbox and counts the requests the second took (the first also buys
 * tokens and fills caches): the least one order costs. Its placement requests are the sandbox's Place Order
 * requests plus those it names no operation for (GiftHub's confirm, paced as Place Order by its client; the
 * sandbox names only the create so), not a catalog or balance lookup; reads made while placing count where
 * a rule counts every request. Shared by the throughput benchmark and the proof suite's load part, which
 * both hold vendors at the ceiling `placementCeiling` computes from it.
 *
 * @example
 * const cost = await orderCost({ sandbox, adapter: harness.createAdapter(sandbox), harness });
 * placementCeiling(adapter.limits, 2, cost);
 */
export async function orderCost(probe: OrderCostProbe): Promise<OrderCost> {
  const { sandbox, adapter, harness } = probe;
  const count = () => ({
    any: sandbox.calls('any'),
    other: NOT_PLACEMENT.reduce((n, op) => n + sandbox.calls(op), 0),
    reads: sandbox.calls('getOrder'),
  });
  await adapter.placeOrder(harness.sampleRequest(randomUUID(), 1, 0));
  const before = count();
  const placed = await adapter.placeOrder(harness.sampleRequest(randomUUID(), 1, 1));
  const after = count();
  return {
    placeRequests: after.any - before.any - (after.other - before.other),
    reads: after.reads - before.reads + (placed.order && isFinal(placed.order.status) ? 0 : 1),
  };
}
