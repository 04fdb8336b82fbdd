import { setTimeout as sleep } from 'node:timers/promises';
import type { MedusaClient, MedusaCustomer } from '../medusa/medusa-client';
import { checkoutMedusaOrder, followMedusaOrder } from '../medusa/medusa-order-journey';
import type { ProofWorld, VendorUnderProof } from '../world/start-proof-world';
import type { ProofFault } from './fault-catalog';
import { RESOLVE_WITHIN_MS } from './follow-order';
import type { OrderTally } from './order-tally';
import type { FaultCaseResult } from './run-fault-case';

/** How long the vendor may take to take an order, or to be asked its final status, before a crash point is missed. */
const STEP_WITHIN_MS = 15_000;

/**
 * After a crash, how long an order may take: the plugin's engine asks the vendor about a placement that was
 * on the wire only after its placement grace (60 s, real time: the provider options cannot scale it), and
 * the plugin's sync job, which places paid orders an event was missed for, runs once a minute.
 */
const RESOLVE_AFTER_CRASH_MS = RESOLVE_WITHIN_MS + 90_000;

/**
 * What each crash point means for Medusa, which cannot be armed from inside like the Express shop: the suite
 * holds the sandbox's answer with a slow fault and SIGKILLs the process group while it is held. `undefined`:
 * the point cannot be hit honestly from outside, and is reported as not run.
 */
export const MEDUSA_CRASH_POINTS: Readonly<Record<string, string | undefined>> = {
  before_send: undefined,
  after_send:
    'Medusa SIGKILLed once the vendor had taken the order, while its answer was held (never received)',
  after_read:
    'Medusa SIGKILLed while the vendor’s final answer (with the codes) was held on its way, after the vendor settled',
};

export interface MedusaFaultContext {
  readonly world: ProofWorld;
  readonly client: MedusaClient;
  readonly adminToken: string;
  /** The customer of each vendor's orders. */
  readonly customers: Readonly<Record<string, MedusaCustomer>>;
}

/**
 * One Medusa order of `vendor` with a vendor fault in its way: a customer checks out through the store API,
 * the plugin places the vendor order, the owner follows it through the codes route until it is settled or
 * flagged — and the tally from the sandbox's records, by the Express journey's rules.
 *
 * @example
 * const result = await runMedusaFaultCase(context, vendor, fault, 0); // result.tally, result.reached
 */
export async function runMedusaFaultCase(
  context: MedusaFaultContext,
  vendor: VendorUnderProof,
  fault: Extract<ProofFault, { kind: 'vendor' }>,
  index: number,
): Promise<FaultCaseResult> {
  const { world, client, adminToken } = context;
  const { harness, sandbox } = vendor;
  const count = countFrom(vendor);
  const operation = fault.options.operation ?? 'any';
  const callsBefore = sandbox.calls(operation);
  sandbox.faults.next(fault.fault(harness.requestTimeoutMs), fault.options);
  const order = await checkoutMedusaOrder(
    client,
    world.medusa,
    vendor,
    context.customers[vendor.vendor]!,
    1 + (index % 2),
  );
  const tally = count(await followMedusaOrder(client, order, adminToken));
  sandbox.faults.clear();
  const reached = sandbox.calls(operation) > callsBefore;
  return { vendor: vendor.vendor, fault: fault.id, reference: tally.reference, tally, reached };
}

/**
 * One crash point for every vendor at once, since a SIGKILL of the one Medusa process stops them all: each
 * vendor's order is held at the step (`MEDUSA_CRASH_POINTS`), the process group is killed once every order
 * reached it (or could not), restarted, and each order followed and tallied. A point that cannot be hit
 * from outside is reported as not run, never as passed.
 *
 * @example
 * const results = await runMedusaCrashCases(context, killAfterSend, 0); // one per vendor
 */
export async function runMedusaCrashCases(
  context: MedusaFaultContext,
  fault: Extract<ProofFault, { kind: 'crash' }>,
  index: number,
): Promise<FaultCaseResult[]> {
  const { world, client, adminToken } = context;
  if (MEDUSA_CRASH_POINTS[fault.at] === undefined)
    return world.vendors.map((v) => ({
      vendor: v.vendor,
      fault: fault.id,
      reference: '',
      tally: NOT_RUN,
      reached: false,
      notRun: true,
    }));
  const held = await Promise.all(
    world.vendors.map(async (vendor, i) => {
      const { harness, sandbox } = vendor;
      const count = countFrom(vendor);
      const before = sandbox.orders().length;
      // A slow answer outlasts the client's timeout: the order (or its final status) cannot arrive first.
      const hold = { kind: 'slower_than', timeoutMs: harness.requestTimeoutMs } as const;
      if (fault.at === 'after_send') sandbox.faults.next(hold, { operation: 'placeOrder' });
      else sandbox.faults.next(hold, { operation: 'getOrder', times: 10_000 });
      const customer = context.customers[vendor.vendor]!;
      const order = await checkoutMedusaOrder(client, world.medusa, vendor, customer, 1 + ((index + i) % 2));
      const taken = await until(() => sandbox.orders().length > before);
      let reached = taken; // after_send: the sandbox records the order before it holds the answer
      if (fault.at === 'after_read' && taken) {
        const ours = sandbox.orders()[before]!;
        const settled = await until(() => sandbox.orders().find((o) => o.id === ours.id)?.final === true);
        const reads = sandbox.calls('getOrder');
        reached = settled && (await until(() => sandbox.calls('getOrder') > reads));
      }
      return { vendor, order, count, reached };
    }),
  );
  const anyReached = held.some((h) => h.reached);
  for (const { vendor } of held) vendor.sandbox.faults.clear();
  if (anyReached) {
    await world.medusa.kill();
    await world.medusa.restart();
  }
  return Promise.all(
    held.map(async ({ vendor, order, count, reached }) => {
      const tally = count(await followMedusaOrder(client, order, adminToken, RESOLVE_AFTER_CRASH_MS));
      return { vendor: vendor.vendor, fault: fault.id, reference: tally.reference, tally, reached };
    }),
  );
}

type Counter = (tally: OrderTally & { reference: string }) => OrderTally & { reference: string };

/**
 * Counts every order the vendor's sandbox takes from now on as this Medusa order's: each vendor's orders run
 * one at a time, so a second one under a new reference (a fulfillment made again) is a duplicate the
 * per-reference tally alone would not see.
 */
function countFrom(vendor: VendorUnderProof): Counter {
  const before = vendor.sandbox.orders().length;
  return (tally) => {
    const taken = vendor.sandbox.orders().length - before;
    return taken > tally.vendorOrders ? { ...tally, vendorOrders: taken } : tally;
  };
}

/** A case that was not run: nothing to count. */
const NOT_RUN: OrderTally = {
  vendorOrders: 0,
  cardsIssued: 0,
  cardsReadable: 0,
  unresolved: false,
  moneyMismatch: false,
  state: 'not run',
};

async function until(condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + STEP_WITHIN_MS;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}
