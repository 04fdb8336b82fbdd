/**
 * Engine throughput with all four vendors' sandboxes at once, in one engine, with
 * webhooks where the vendor sends them. Limits are the harnesses' (the vendors' own, time-scaled ×0.05), so
 * a run takes well under a minute. Each vendor's orders are submitted first (paid and waiting, as after a
 * sale), then the engine starts.
 *
 * A vendor's ceiling is in orders per second: the tightest rule counting its placements, divided by the
 * requests of one order that rule counts (`placementCeiling`) — measured on one order of a fresh sandbox
 * first: its placement requests (GiftHub's create and confirm are both Place Order), plus, where the rule
 * counts every request (Starship), the one read an order needs at least to be known final (none when the
 * create answers it final). Achieved: placements from the engine's start to the vendor's last placement; where
 * the rule counts every request, orders from the start until the vendor's last order settled, since its reads
 * spend the same budget as its placements. Budgetree and GiftHub publish no rate limit: the benchmark gives
 * them a shop's own Place Order limit (marked "self-imposed") so that there is a ceiling to reach. Orders of
 * the four vendors are submitted interleaved, as they would arrive at their ceilings, and the store is
 * PostgreSQL unless `BENCH_STORE=embedded`.
 * Rate-limit violations (429s) are counted by each sandbox. Target: ≥ 0.95 of the ceiling for each vendor,
 * zero 429s.
 */
import { randomUUID } from 'node:crypto';
import { type OrderCost, orderCost, placementCeiling } from '@giftwire/bench-kit';
import { createBudgetree } from '@giftwire/budgetree';
import type { VendorHarness } from '@giftwire/conformance';
import type { VendorAdapter } from '@giftwire/core';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createGiftHub } from '@giftwire/gifthub';
import { createTestDatabase } from '@giftwire/test-kit';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { temporaryEmbeddedStore } from './bench-world';
import {
  settledCounter,
  startBenchFulfiller,
  startVendorBenchWorld,
  type VendorBenchWorld,
} from './vendor-world';

/** The vendors that publish no rate limit, by name: their clients are made again with a shop's own limit. */
const UNLIMITED_VENDORS: Record<string, (settings: never) => VendorAdapter> = {
  budgetree: createBudgetree,
  gifthub: createGiftHub,
};

/** How long each vendor's batch should keep the engine busy at its ceiling. */
const BUSY_SECONDS = Number(process.env.BENCH_BUSY_SECONDS ?? 20);
/** Most orders per vendor, so a vendor with a high ceiling does not turn the run into a storage benchmark. */
const MAX_ORDERS = Number(process.env.BENCH_MAX_ORDERS ?? 400);
/**
 * A shop's own limit for vendors that publish none: 10 placement requests per second, as a window. A spacing
 * rule loses each timer's lateness for good (the next call is spaced from the late one): at 100 ms spacing it
 * reached 0.78 of its rate on a busy event loop; a window lets a late call be made up within the second. At
 * 20 per second (`BENCH_SELF_IMPOSED_PER_SECOND=20`) the one process, four sandboxes beside the engine, bounds
 * Budgetree and GiftHub near 0.90: placed orders' polls wait for scheduler slots behind the backlog.
 */
const SELF_IMPOSED_RULE = {
  kind: 'window',
  operation: 'placeOrder',
  scope: 'vendor',
  limit: Number(process.env.BENCH_SELF_IMPOSED_PER_SECOND ?? 10),
  windowMs: 1_000,
} as const;
const PRODUCTS_PER_BATCH = 6;
export const THROUGHPUT_TARGET = 0.95;
/**
 * `postgres` (default): a fresh database on the local PostgreSQL (TEST_POSTGRES_URL), dropped afterwards;
 * `embedded`: the embedded store. The embedded store runs PGlite on the engine's own event loop (its queries
 * and synchronous file writes took about 35 of the 61 busy CPU-seconds of a profiled run), so with four
 * vendors at once it, not the engine, bounds the rate (Budgetree 0.46, GiftHub 0.21 of their ceilings before).
 */
const BENCH_STORE = process.env.BENCH_STORE ?? 'postgres';

async function benchStore() {
  if (BENCH_STORE === 'embedded') return { label: 'embedded store', ...(await temporaryEmbeddedStore()) };
  const database = await createTestDatabase({ prefix: 'giftwire_bench' });
  const store = createPostgresOrderStore({ connectionString: database.connectionString, max: 10 });
  return {
    label: 'PostgreSQL store',
    store,
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
}

export interface ThroughputFigures {
  vendor: string;
  orders: number;
  seconds: number;
  achieved: number;
  ceiling: number;
  ceilingRule: string;
  /** Requests of one order the binding rule counts, at the least (the ceiling is the rule ÷ this). */
  requestsPerOrder: number;
  /** Requests the sandbox saw per order in the run, every kind (placements, reads, lookups). */
  measuredRequestsPerOrder: number;
  ratio: number;
  violations: number;
}

function withCeiling(harness: VendorHarness, adapter: VendorAdapter, cost: OrderCost) {
  const products = new Set(
    Array.from(
      { length: PRODUCTS_PER_BATCH },
      (_, i) => harness.sampleRequest(randomUUID(), 1, i).lines[0]!.productId,
    ),
  ).size;
  const own = placementCeiling(adapter.limits, products, cost);
  if (own) return { ceiling: own, selfImposed: false };
  return {
    ceiling: placementCeiling({ ...adapter.limits, rateLimits: [SELF_IMPOSED_RULE] }, products, cost)!,
    selfImposed: true,
  };
}

export async function throughputBenchmark(): Promise<{ figures: ThroughputFigures[]; met: boolean }> {
  const worlds: VendorBenchWorld[] = [];
  const plans: { world: VendorBenchWorld; ceiling: ReturnType<typeof withCeiling>; orders: number }[] = [];
  for (const harness of VENDOR_HARNESSES) {
    // The client's limiter is built from the settings it is created with, so a self-imposed rule goes in
    // there: the harness creates the adapter, and a vendor without rules gets one through `limits`.
    const probe = await startVendorBenchWorld(harness, { webhooks: false });
    const cost = await orderCost(probe);
    const ceiling = withCeiling(harness, probe.adapter, cost);
    await probe.close();
    const world = await startVendorBenchWorld(harness, {
      webhooks: harness.webhook !== undefined,
      settleAfterMs: () => 100 * Math.random(),
    });
    if (ceiling.selfImposed) world.adapter = selfImposed(world, harness);
    worlds.push(world);
    plans.push({
      world,
      ceiling,
      orders: Math.min(MAX_ORDERS, Math.round(ceiling.ceiling.perSecond * BUSY_SECONDS)),
    });
  }
  const { store, dispose, label } = await benchStore();
  const lastPlacement = new Map<string, { at: number; requests: number }>();
  for (const { world } of plans) {
    const adapter = world.adapter;
    world.adapter = {
      ...adapter,
      placeOrder: async (...args) => {
        const result = await adapter.placeOrder(...args);
        lastPlacement.set(adapter.vendor, { at: performance.now(), requests: world.sandbox.calls('any') });
        return result;
      },
    };
  }
  const fulfiller = await startBenchFulfiller(worlds, store, {
    start: false,
    // More slots than the local scheduler's 64: an order waiting in its vendor's rate limiter holds a slot,
    // and with 64 the due polls of placed orders waited behind the placement backlog (with the FIFO limiter,
    // 64 measured 0.02–0.04 lower than 1024 on a loaded machine). A waiting call now costs a queue entry, not
    // a timer and a store check on every release; but every run started reads its order first, so slots far
    // beyond the vendors' backlog only queue those reads in the store's pool ahead of the placements' writes.
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 256),
  });
  const settled = settledCounter(fulfiller);
  const lastSettled = new Map<string, number>();
  fulfiller.on('order.settled', (order) => {
    lastSettled.set(order.vendor, performance.now());
  });
  // Interleaved as the vendors' orders would arrive at their ceilings (order i of n at i/n of the run): the
  // engine takes due orders first come, first served, and an order waiting in its vendor's rate limiter holds
  // a scheduler slot, so vendor after vendor would have a vendor submitted last wait for the others' backlogs
  // (head-of-line blocking across vendors) and its rate would measure theirs.
  const queue = plans
    .flatMap(({ world, orders }) => Array.from({ length: orders }, (_, i) => ({ world, i, at: i / orders })))
    .sort((a, b) => a.at - b.at);
  const references: string[] = [];
  for (const { world, i } of queue) {
    const request = world.harness.sampleRequest(randomUUID(), 1, i);
    references.push((await fulfiller.submit({ vendor: world.harness.vendor, request })).order.reference);
  }
  const before = new Map(plans.map(({ world }) => [world.harness.vendor, world.sandbox.calls('any')]));
  const started = performance.now();
  await fulfiller.start();
  await settled.all(references);

  const figures = plans.map(({ world, ceiling, orders }) => {
    const vendor = world.harness.vendor;
    const until = ceiling.ceiling.sharedWithEveryCall
      ? lastSettled.get(vendor)!
      : lastPlacement.get(vendor)!.at;
    const seconds = (until - started) / 1000;
    const achieved = orders / seconds;
    const rule = ceiling.ceiling.rule;
    return {
      vendor,
      orders,
      seconds,
      achieved,
      ceiling: ceiling.ceiling.perSecond,
      ceilingRule: `${ceiling.selfImposed ? 'self-imposed ' : ''}${rule.kind} ${rule.operation}${rule.scope ? `/${rule.scope}` : ''}`,
      requestsPerOrder: ceiling.ceiling.requestsPerOrder,
      measuredRequestsPerOrder: (world.sandbox.calls('any') - before.get(vendor)!) / orders,
      ratio: achieved / ceiling.ceiling.perSecond,
      violations: world.sandbox.violations.length,
    };
  });
  await Promise.all(worlds.map((w) => w.close()));
  await dispose();

  console.log(
    `\nengine throughput, four vendors in one engine at once on the ${label} (limits ×0.05; orders submitted first, engine started; ` +
      `ceiling = the binding rule's rate ÷ the requests of one order it counts, at the least; rate = orders from ` +
      `the engine's start to the vendor's last placement, or to its last settled order where the rule counts ` +
      `every request)`,
  );
  console.table(
    figures.map((f) => ({
      vendor: f.vendor,
      orders: f.orders,
      seconds: f.seconds.toFixed(1),
      achieved: `${f.achieved.toFixed(2)}/s`,
      ceiling: `${f.ceiling.toFixed(2)}/s (${f.ceilingRule} ÷ ${f.requestsPerOrder})`,
      'requests/order': f.measuredRequestsPerOrder.toFixed(2),
      ratio: f.ratio.toFixed(3),
      'target ≥ 0.95':
        f.ratio >= THROUGHPUT_TARGET ? 'yes' : `NO (−${(THROUGHPUT_TARGET - f.ratio).toFixed(3)})`,
      '429s': f.violations,
    })),
  );
  return { figures, met: figures.every((f) => f.ratio >= THROUGHPUT_TARGET && f.violations === 0) };
}

/** The harness's adapter for `world`'s sandbox, created again with a Place Order limit of the shop's own. */
function selfImposed(world: VendorBenchWorld, harness: VendorHarness): VendorAdapter {
  const created = harness.createAdapter(world.sandbox);
  const factory = UNLIMITED_VENDORS[harness.vendor];
  if (!factory) throw new Error(`${harness.vendor} publishes rate limits: no self-imposed limit`);
  return factory({
    ...world.sandbox.clientSettings(),
    env: {},
    limits: {
      ...created.limits,
      rateLimits: [SELF_IMPOSED_RULE],
    },
    timeoutMs: harness.requestTimeoutMs,
  } as never);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { met } = await throughputBenchmark();
  if (!met) process.exitCode = 1;
}
