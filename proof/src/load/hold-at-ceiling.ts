import type { PlacementCeiling } from '@giftwire/bench-kit';
import { normalizeReference } from '@giftwire/core';
import { type PaidOrder, payForOrder, placeOrder } from '../faults/order-journey';
import { type OrderTally, tallyOrder } from '../faults/order-tally';
import type { ShopClient } from '../shop/shop-client';
import type { VendorUnderProof } from '../world/start-proof-world';
import { percentile } from './percentile';
import { watchVendorOrders } from './watch-vendor-orders';

/**
 * Orders are offered 10 % faster than the ceiling, so the vendor's rule, not the submitter's timer, sets the
 * rate; the backlog this builds is drained after the load window.
 */
const OVERDRIVE = 1.1;
/**
 * Where the rule counts every request (Starship), placements and reads share one budget and the ceiling
 * assumes one read per order: at 1× there is no headroom, and any extra call (a retry after a timeout, a poll
 * before the webhook) grew a backlog without end — in a 180 s run calls per order rose to 2.56 and 329
 * placed orders were still unread a minute after the window. At 0.75× the same run made 2.00 calls per order
 * and kept up: no breach, nothing unresolved.
 */
const OVERDRIVE_SHARED_RULE = 0.75;
/** Offered to a vendor that publishes no rate rule (Budgetree, GiftHub): there is no ceiling to hold. */
const UNLIMITED_PER_SECOND = 5;
/**
 * One order in ten is followed closely for the "settled → readable" figure: its owner polls every 50 ms for
 * the first 2 s after the vendor settled it, every 500 ms after. The others' owners look once a second. Every
 * owner polling every 50 ms made some 800 requests a second on a 2-core machine, which starved the sandboxes'
 * process (its event loop lagged by over a second) and the shops alike: the load then measured the polling.
 */
export const SAMPLE_EVERY = 10;
const POLL_EVERY_MS = 50;
const FAST_FOLLOW_MS = 2_000;
const SLOW_POLL_EVERY_MS = 500;
const UNSAMPLED_POLL_EVERY_MS = 1_000;
/** How long after the load window every order has to be settled or flagged before it counts as unresolved. */
const DRAIN_MS = 60_000;

export interface LoadVendorResult {
  readonly vendor: string;
  readonly orders: number;
  /** Orders/s the tightest placement rule allows; undefined when the vendor publishes none. */
  readonly ceiling: number | undefined;
  readonly ceilingRule: string;
  /** Orders/s the vendor took during the load window (first seen there by the watcher). */
  readonly achieved: number;
  /** Rate-rule breaches the sandbox recorded during this vendor's window and drain. */
  readonly violations: number;
  /** Requests the sandbox answered during the window and drain, per order (placements, reads, retries). */
  readonly callsPerOrder: number;
  /** Time from the vendor settled (watched) to the owner's reveal carrying the codes, ms (sampled orders). */
  readonly settledToReadableP50: number | undefined;
  readonly settledToReadableP99: number | undefined;
  readonly tallies: readonly OrderTally[];
}

interface LoadOrder extends PaidOrder {
  /** Its position in the vendor's window: which shop takes it, and which one its owner reads through. */
  readonly index: number;
  /** The normalized reference, as the watcher keys it. */
  readonly key: string;
  tally?: OrderTally;
  readableAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One vendor held at its ceiling for `seconds`: paid orders offered at the ceiling's rate spread over the
 * shops (each owner reading through another shop than the one that took the order), then up to a minute for
 * every order to be settled or flagged, and each tallied from the sandbox against what its owner saw.
 *
 * @example
 * const result = await holdAtCeiling({ vendor, ceiling, clients, seconds: 180, log });
 */
export async function holdAtCeiling(options: {
  vendor: VendorUnderProof;
  ceiling: PlacementCeiling | undefined;
  clients: readonly ShopClient[];
  seconds: number;
  log: (line: string) => void;
}): Promise<LoadVendorResult> {
  const { vendor, ceiling, clients, seconds, log } = options;
  const violationsBefore = vendor.sandbox.violations.length;
  const callsBefore = vendor.sandbox.calls('any');
  const orders = new Map<string, LoadOrder>();
  const follows: Promise<void>[] = [];
  const owner = (order: LoadOrder) => clients[(order.index + 1) % clients.length]!;
  // Set when the load window ends: no owner polls past it.
  let drainUntil = Number.POSITIVE_INFINITY;
  const watch = watchVendorOrders(
    [vendor.sandbox],
    (reference) => orders.has(reference),
    (reference, at) => {
      const order = orders.get(reference);
      if (order) follows.push(followToCodes(owner(order), order, at, () => drainUntil));
    },
  );

  const started = Date.now();
  const windowEnds = started + seconds * 1000;
  const perSecond = !ceiling
    ? UNLIMITED_PER_SECOND
    : ceiling.perSecond * (ceiling.sharedWithEveryCall ? OVERDRIVE_SHARED_RULE : OVERDRIVE);
  const submissions: Promise<void>[] = [];
  for (let n = 0; started + (n * 1000) / perSecond < windowEnds; n++) {
    await sleep(started + (n * 1000) / perSecond - Date.now());
    submissions.push(submit(clients[n % clients.length]!, vendor, n, orders));
  }
  await Promise.all(submissions);
  log(`load: ${vendor.vendor}: ${orders.size} orders offered over ${seconds} s; draining`);
  drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil && [...orders.values()].some((o) => !o.tally)) await sleep(250);
  await Promise.all(follows);
  watch.stop();
  // Orders not followed to their codes in time: tallied as the owner sees them now (a reveal if settled).
  for (const order of orders.values())
    if (!order.tally) {
      const client = owner(order);
      const seen = await client.get(order.customer, order.reference);
      const revealed =
        seen.body?.state === 'settled' ? await client.reveal(order.customer, order.reference) : undefined;
      const text = revealed?.status === 200 ? JSON.stringify(revealed.body) : '';
      order.tally = tallyOrder(vendor.sandbox, order.reference, seen.body, text);
    }
  await vendor.sandbox.settle();

  const all = [...orders.values()];
  const inWindow = all.filter((o) => (watch.placedAt.get(o.key) ?? Infinity) <= windowEnds).length;
  const latencies = all.flatMap((o) =>
    o.readableAt === undefined || o.index % SAMPLE_EVERY !== 0
      ? []
      : [o.readableAt - watch.finalAt.get(o.key)!],
  );
  const rule = ceiling?.rule;
  return {
    vendor: vendor.vendor,
    orders: all.length,
    ceiling: ceiling?.perSecond,
    ceilingRule: rule
      ? `${rule.kind} ${rule.operation}${rule.scope ? `/${rule.scope}` : ''} ÷ ${ceiling.requestsPerOrder}`
      : 'none published',
    achieved: inWindow / seconds,
    violations: vendor.sandbox.violations.length - violationsBefore,
    callsPerOrder: (vendor.sandbox.calls('any') - callsBefore) / Math.max(1, all.length),
    settledToReadableP50: percentile(latencies, 50),
    settledToReadableP99: percentile(latencies, 99),
    tallies: all.map((o) => o.tally!),
  };
}

/** A customer pays at `client`'s shop and posts the order to its router, again while it is refused. */
async function submit(
  client: ShopClient,
  vendor: VendorUnderProof,
  index: number,
  orders: Map<string, LoadOrder>,
): Promise<void> {
  const paid = await payForOrder(client, vendor, index);
  const order: LoadOrder = Object.assign(paid, { index, key: normalizeReference(paid.reference) });
  orders.set(order.key, order);
  for (let attempt = 0; attempt < 5; attempt++) {
    const status = await placeOrder(client, order);
    if (status >= 200 && status < 300) return;
    await sleep(500);
  }
}

/**
 * The owner, told the vendor has settled the order, polls `GET` (closely for a sampled order, once a second
 * otherwise) and reveals the codes once the shop shows it settled: the router allows a customer 10 reveals a
 * minute, so polling `?reveal=codes` itself would be refused (429). The order is then tallied from the
 * sandbox against that answer; a flagged one as the owner sees it.
 */
async function followToCodes(
  client: ShopClient,
  order: LoadOrder,
  vendorFinalAt: number,
  until: () => number,
): Promise<void> {
  const sandbox = order.vendor.sandbox;
  const sampled = order.index % SAMPLE_EVERY === 0;
  while (Date.now() < until()) {
    const seen = await client.get(order.customer, order.reference);
    if (seen.body?.state === 'settled') {
      const revealed = await client.reveal(order.customer, order.reference);
      if (revealed.status === 200) order.readableAt = Date.now();
      const text = revealed.status === 200 ? JSON.stringify(revealed.body) : '';
      order.tally = tallyOrder(sandbox, order.reference, seen.body, text);
      return;
    }
    if (seen.body?.state === 'needs_attention') {
      order.tally = tallyOrder(sandbox, order.reference, seen.body, '');
      return;
    }
    await sleep(
      !sampled
        ? UNSAMPLED_POLL_EVERY_MS
        : Date.now() - vendorFinalAt < FAST_FOLLOW_MS
          ? POLL_EVERY_MS
          : SLOW_POLL_EVERY_MS,
    );
  }
}
