import { randomUUID } from 'node:crypto';
import type { RenderedOrder } from '@giftwire/express';
import type { ShopClient } from '../shop/shop-client';
import type { Shop } from '../shop/start-shop';
import type { VendorUnderProof } from '../world/start-proof-world';
import type { ProofFault } from './fault-catalog';
import { type OrderTally, tallyOrder } from './order-tally';

/** How long an order may take to settle or be flagged, faults and restarts included, before it counts as stuck. */
const RESOLVE_WITHIN_MS = 60_000;
const POLL_EVERY_MS = 100;

export interface FaultCaseResult {
  readonly vendor: string;
  readonly fault: string;
  readonly reference: string;
  readonly tally: OrderTally;
  /** The shop refused the paid order at the door (a 4xx/5xx on `POST /orders`): nothing should be placed. */
  readonly refusedAtPlacement: boolean;
  /**
   * Whether the fault met this order: the faulted operation reached the sandbox, or the shop died at the
   * crash point. A path without that step (a placement answered final needs no status read) is reported as
   * not reached, never as passed.
   */
  readonly reached: boolean;
}

/**
 * One paid order of `vendor` through the shop with `fault` in its way: checkout, `POST /orders` as the
 * customer, then the customer's view until the order is settled or flagged, then the customer's reveal — and
 * the tally from the sandbox's records. A crash fault arms the shop to SIGKILL itself at that step, and the
 * case restarts it as an operator's supervisor would.
 */
export async function runFaultCase(
  shop: Shop,
  client: ShopClient,
  { vendor, harness, sandbox }: VendorUnderProof,
  fault: ProofFault,
  index: number,
): Promise<FaultCaseResult> {
  const reference = randomUUID();
  const customer = `cus_${vendor}_${index}`;
  const shopOrderId = `shop_${reference}`;
  const { lines } = harness.sampleRequest(reference, 1 + (index % 2), index);

  const checkout = await client.checkout(customer, { shopOrderId, reference, lines });
  if (checkout.status !== 201) throw new Error(`checkout answered ${checkout.status}`);
  const operation = fault.kind === 'vendor' ? (fault.options.operation ?? 'any') : 'any';
  const callsBefore = sandbox.calls(operation);
  const crash = { happened: false, restarted: fault.kind === 'vendor' };
  if (fault.kind === 'vendor') {
    sandbox.faults.next(fault.fault(harness.requestTimeoutMs), fault.options);
  } else {
    await shop.arm(fault.at, reference);
    void shop.died().then(async () => {
      crash.happened = true;
      await shop.restart();
      crash.restarted = true;
    });
  }

  const placed = await client.place(customer, { vendor, shopOrderId, reference, lines });
  const refusedAtPlacement = placed.status >= 400;
  const seen = await waitUntilResolved(client, customer, reference, crash);
  sandbox.faults.clear();
  const reached = fault.kind === 'vendor' ? sandbox.calls(operation) > callsBefore : crash.happened;
  const revealed = seen?.state === 'settled' ? await client.reveal(customer, reference) : undefined;
  const revealedText = revealed?.status === 200 ? JSON.stringify(revealed.body) : '';
  return {
    vendor,
    fault: fault.id,
    reference,
    refusedAtPlacement,
    reached,
    tally: tallyOrder(sandbox, reference, seen, revealedText),
  };
}

/**
 * The owner's view of the order once it is settled or flagged (or the last view when time runs out). With a
 * crash armed, a view counts only once the restarted process gives it — unless the order resolved without
 * ever reaching the crash point.
 */
async function waitUntilResolved(
  client: ShopClient,
  customer: string,
  reference: string,
  crash: { happened: boolean; restarted: boolean },
): Promise<RenderedOrder | undefined> {
  const until = Date.now() + RESOLVE_WITHIN_MS;
  let last: RenderedOrder | undefined;
  while (Date.now() < until) {
    const answer = await client.get(customer, reference);
    if (answer.status === 200 && answer.body) {
      last = answer.body;
      const resolved = last.state === 'settled' || last.state === 'needs_attention';
      if (resolved && (crash.restarted || !crash.happened)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  return last;
}
