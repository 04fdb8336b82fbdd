import { setTimeout as sleep } from 'node:timers/promises';
import { followAndTally, type PaidOrder, payForOrder, placeOrder } from '../faults/order-journey';
import type { OrderTally } from '../faults/order-tally';
import type { ShopClient } from '../shop/shop-client';
import type { ProofWorld } from '../world/start-proof-world';

/** How long each service stays down: the 10 s, not time-scaled — an outage is wall-clock for a shop. */
const OUTAGE_MS = 10_000;

export type OutageService = 'postgres' | 'redis';

export interface OutageResult {
  readonly service: OutageService;
  readonly vendor: string;
  /** `in flight`: placed before the outage; `during`: posted while the service was down, retried after. */
  readonly when: 'in flight' | 'during';
  /** What the shop answered the first `POST /orders` (for `during`: while the service was down). */
  readonly firstAnswer: number;
  readonly tally: OrderTally;
}

/**
 * Each service stopped for 10 s mid-run and started again. Before it stops, every vendor has orders in flight;
 * while it is down, each vendor's customer posts one more paid order — the shop may refuse it (it must say so,
 * with nothing placed), and the customer posts it again once the service is back. Every order is then followed
 * to settled or flagged and tallied from the sandboxes.
 *
 * @example
 * const results = await runOutages(world, client, { ordersInFlight: 2, log: console.log });
 */
export async function runOutages(
  world: ProofWorld,
  client: ShopClient,
  { ordersInFlight, log }: { ordersInFlight: number; log: (line: string) => void },
): Promise<OutageResult[]> {
  const results: OutageResult[] = [];
  let index = 10_000;
  for (const service of ['postgres', 'redis'] as const) {
    const target = world[service];
    const inFlight: PaidOrder[] = [];
    for (const vendor of world.vendors)
      for (let i = 0; i < ordersInFlight; i += 1) inFlight.push(await payForOrder(client, vendor, index++));
    await Promise.all(inFlight.map((order) => placeOrder(client, order)));
    const firstAnswers = new Map(inFlight.map((o) => [o.reference, o.placedStatus]));

    await target.pause();
    log(`outages: ${service} stopped`);
    const during = await Promise.all(world.vendors.map((vendor) => payForOrder(client, vendor, index++)));
    await Promise.all(during.map((order) => placeOrder(client, order)));
    for (const order of during) firstAnswers.set(order.reference, order.placedStatus);
    await sleep(OUTAGE_MS);
    await target.resume();
    log(`outages: ${service} started again`);
    // The customer retries what the shop could not take while the service was down.
    await Promise.all(
      during.filter((o) => o.placedStatus >= 500 || o.placedStatus === 0).map((o) => placeOrder(client, o)),
    );

    const followed = await Promise.all(
      [...inFlight, ...during].map(async (order) => ({ order, tally: await followAndTally(client, order) })),
    );
    for (const { order, tally } of followed) {
      results.push({
        service,
        vendor: order.vendor.vendor,
        when: inFlight.includes(order) ? 'in flight' : 'during',
        firstAnswer: firstAnswers.get(order.reference) ?? 0,
        tally,
      });
    }
    log(`outages: ${service}: ${followed.map((f) => f.tally.state).join(', ')}`);
  }
  return results;
}
