import type { ShopClient } from '../shop/shop-client';
import type { Shop } from '../shop/start-shop';
import type { VendorUnderProof } from '../world/start-proof-world';
import type { ProofFault } from './fault-catalog';
import { followAndTally, payForOrder, placeOrder } from './order-journey';
import type { OrderTally } from './order-tally';

export interface FaultCaseResult {
  readonly vendor: string;
  readonly fault: string;
  readonly reference: string;
  readonly tally: OrderTally;
  /**
   * Whether the fault met this order: the faulted operation reached the sandbox, or the shop died at the
   * crash point. A path without that step (a placement answered final needs no status read) is reported as
   * not reached, never as passed.
   */
  readonly reached: boolean;
  /** The case could not be run honestly (a crash point the Medusa app cannot be stopped at): never passed. */
  readonly notRun?: boolean;
}

/**
 * One paid order of `vendor` through the shop with `fault` in its way: checkout, `POST /orders` as the
 * customer, then the customer's view until the order is settled or flagged, then the customer's reveal — and
 * the tally from the sandbox's records. A crash fault arms the shop to SIGKILL itself at that step, and the
 * case restarts it as an operator's supervisor would; only the restarted process's view then counts.
 */
export async function runFaultCase(
  shop: Shop,
  client: ShopClient,
  vendor: VendorUnderProof,
  fault: ProofFault,
  index: number,
): Promise<FaultCaseResult> {
  const { harness, sandbox } = vendor;
  const order = await payForOrder(client, vendor, index);
  const operation = fault.kind === 'vendor' ? (fault.options.operation ?? 'any') : 'any';
  const callsBefore = sandbox.calls(operation);
  const crash = { happened: false, restarted: false };
  if (fault.kind === 'vendor') {
    sandbox.faults.next(fault.fault(harness.requestTimeoutMs), fault.options);
  } else {
    await shop.arm(fault.at, order.reference);
    void shop.died().then(async () => {
      crash.happened = true;
      await shop.restart();
      crash.restarted = true;
    });
  }
  await placeOrder(client, order);
  // A view counts once a crash that happened has been restarted from (or when none happened on this path).
  const tally = await followAndTally(client, order, () => crash.restarted || !crash.happened);
  sandbox.faults.clear();
  const reached = fault.kind === 'vendor' ? sandbox.calls(operation) > callsBefore : crash.happened;
  return { vendor: vendor.vendor, fault: fault.id, reference: order.reference, tally, reached };
}
