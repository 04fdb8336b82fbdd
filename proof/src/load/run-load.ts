import { monitorEventLoopDelay } from 'node:perf_hooks';
import { normalizeReference } from '@giftwire/core';
import { generateEncryptionKey } from '@giftwire/engine';
import { freePort } from '../../../scripts/test-services.mjs';
import { type PaidOrder, payForOrder, placeOrder } from '../faults/order-journey';
import { type OrderTally, tallyOrder } from '../faults/order-tally';
import { type RecordedAnswer, type ShopClient, shopClient } from '../shop/shop-client';
import { ROUTER_BASE } from '../shop/shop-config';
import { type Shop, startShop } from '../shop/start-shop';
import type { ProofWorld, VendorUnderProof } from '../world/start-proof-world';
import { percentile } from './percentile';
import { vendorCeiling } from './vendor-ceiling';
import { watchVendorOrders } from './watch-vendor-orders';

const SHOPS = 3;
/**
 * Orders are offered 10 % faster than the ceiling, so the vendor's rule, not the submitter's timer, sets the
 * rate; the backlog this builds is drained after the load window. Not where the rule counts every request
 * (Starship): there a backlog of placements takes the budget the placed orders' reads need, and in a 10 s
 * trial at ×1.1 170 of 220 orders waited over a minute from the vendor settling them to the shop reading them.
 */
const OVERDRIVE = 1.1;
const OVERDRIVE_SHARED_RULE = 1;
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
  /** Rate-rule breaches the sandbox recorded during this part. */
  readonly violations: number;
  /** Time from the vendor settled (watched) to the owner's reveal carrying the codes, ms (sampled orders). */
  readonly settledToReadableP50: number | undefined;
  readonly settledToReadableP99: number | undefined;
}

export interface LoadPartResult {
  readonly shops: number;
  readonly seconds: number;
  readonly vendors: readonly LoadVendorResult[];
  /**
   * The runner's event-loop delay over the part (p99 and max, ms). The sandboxes live in the runner: a
   * sandbox that lags answers late and stamps its calls late, and a figure here says how far to trust the
   * part's times on this machine.
   */
  readonly runnerLag: { readonly p99: number; readonly max: number };
  readonly tallies: readonly { vendor: string; tally: OrderTally }[];
  /** Everything the three shop processes wrote, and every answer they gave, for the leak audit. */
  readonly output: string;
  readonly recorded: readonly RecordedAnswer[];
}

interface LoadOrder extends PaidOrder {
  /** Its position in the run: which shop takes it, and which one its owner reads through. */
  readonly index: number;
  /** The normalized reference, as the watcher keys it. */
  readonly key: string;
  tally?: OrderTally;
  readableAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three shop processes on the world's PostgreSQL (sharing the work through pg-boss) and Redis (sharing each
 * vendor's rate limits), every vendor offered paid orders a little faster than its ceiling for `seconds`,
 * spread over the three shops. The world's own shop is stopped first, so exactly these three work. Counted
 * from the sandboxes: breaches, vendor orders per reference, orders neither settled nor flagged; measured:
 * each vendor's rate ÷ ceiling and the time from its settling an order to the owner reading the codes.
 *
 * @example
 * const load = await runLoad(world, { seconds: short ? 30 : 180, log });
 */
export async function runLoad(
  world: ProofWorld,
  options: { seconds: number; log: (line: string) => void },
): Promise<LoadPartResult> {
  const { seconds, log } = options;
  const sample = (vendor: VendorUnderProof) => (i: number) =>
    vendor.harness.sampleRequest(`ceiling-${i}`, 1 + (i % 2), i);
  const ceilings = new Map<string, Awaited<ReturnType<typeof vendorCeiling>>>();
  for (const v of world.vendors) ceilings.set(v.vendor, await vendorCeiling(v.harness, sample(v)));

  await world.shop.stop();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const encryptionKey = generateEncryptionKey();
  const shops: Shop[] = [];
  const output = () => shops.map((s) => s.output()).join('');
  try {
    for (let i = 0; i < SHOPS; i++)
      shops.push(
        await startShop({
          port: await freePort(),
          databaseUrl: world.postgres.url,
          redisUrl: world.redis.url,
          encryptionKey,
          scheduler: 'pg-boss',
          vendors: world.vendors.map((v) => ({
            vendor: v.vendor,
            settings: v.sandbox.clientSettings() as Record<string, unknown>,
          })),
        }),
      );
    // The sandboxes' webhooks reach one of the three; any of them acts on it through the shared database.
    world.relay.forwardTo(`${shops[0]!.url}${ROUTER_BASE}/webhooks`);
    const clients = shops.map((s) => shopClient(s.url));
    const violationsBefore = new Map(world.vendors.map((v) => [v.vendor, v.sandbox.violations.length]));

    const orders = new Map<string, LoadOrder>();
    const follows: Promise<void>[] = [];
    // The owner reads through another shop than the one that took the order: the work is shared.
    const owner = (order: LoadOrder) => clients[(order.index + 1) % SHOPS]!;
    const watch = watchVendorOrders(
      world.vendors.map((v) => v.sandbox),
      (reference) => orders.has(reference),
      (reference, at) => {
        const order = orders.get(reference);
        if (order) follows.push(followToCodes(owner(order), order, at, () => drainUntil));
      },
    );

    // Set when the load window ends: no owner polls past it.
    let drainUntil = Number.POSITIVE_INFINITY;
    const started = Date.now();
    const windowEnds = started + seconds * 1000;
    const submissions: Promise<void>[] = [];
    let index = 0;
    const offer = async (vendor: VendorUnderProof) => {
      const ceiling = ceilings.get(vendor.vendor);
      const perSecond = !ceiling
        ? UNLIMITED_PER_SECOND
        : ceiling.perSecond * (ceiling.sharedWithEveryCall ? OVERDRIVE_SHARED_RULE : OVERDRIVE);
      for (let n = 0; started + (n * 1000) / perSecond < windowEnds; n++) {
        await sleep(started + (n * 1000) / perSecond - Date.now());
        const i = index++;
        submissions.push(submit(clients[i % SHOPS]!, vendor, i, orders));
      }
    };
    await Promise.all(world.vendors.map(offer));
    await Promise.all(submissions);
    log(`load: ${orders.size} orders offered over ${seconds} s through ${SHOPS} shops; draining`);
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
        order.tally = tallyOrder(order.vendor.sandbox, order.reference, seen.body, text);
      }

    const all = [...orders.values()];
    const vendors = world.vendors.map((v): LoadVendorResult => {
      const mine = all.filter((o) => o.vendor === v);
      const ceiling = ceilings.get(v.vendor);
      const inWindow = mine.filter((o) => (watch.placedAt.get(o.key) ?? Infinity) <= windowEnds).length;
      const latencies = mine.flatMap((o) =>
        o.readableAt === undefined || o.index % SAMPLE_EVERY !== 0
          ? []
          : [o.readableAt - watch.finalAt.get(o.key)!],
      );
      const rule = ceiling?.rule;
      return {
        vendor: v.vendor,
        orders: mine.length,
        ceiling: ceiling?.perSecond,
        ceilingRule: rule
          ? `${rule.kind} ${rule.operation}${rule.scope ? `/${rule.scope}` : ''} ÷ ${ceiling.requestsPerOrder}`
          : 'none published',
        achieved: inWindow / seconds,
        violations: v.sandbox.violations.length - violationsBefore.get(v.vendor)!,
        settledToReadableP50: percentile(latencies, 50),
        settledToReadableP99: percentile(latencies, 99),
      };
    });
    await Promise.all(world.vendors.map((v) => v.sandbox.settle()));
    for (const shop of shops) await shop.stop();
    return {
      shops: SHOPS,
      seconds,
      vendors,
      runnerLag: { p99: Math.round(lag.percentile(99) / 1e6), max: Math.round(lag.max / 1e6) },
      tallies: all.map((o) => ({ vendor: o.vendor.vendor, tally: o.tally! })),
      output: output(),
      recorded: clients.flatMap((c) => c.recorded),
    };
  } finally {
    lag.disable();
    for (const shop of shops) await shop.stop();
  }
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
    const sampled = order.index % SAMPLE_EVERY === 0;
    await sleep(
      !sampled
        ? UNSAMPLED_POLL_EVERY_MS
        : Date.now() - vendorFinalAt < FAST_FOLLOW_MS
          ? POLL_EVERY_MS
          : SLOW_POLL_EVERY_MS,
    );
  }
}
