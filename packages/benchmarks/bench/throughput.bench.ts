/**
 * Engine throughput with all four vendors' sandboxes at once, in one engine on the embedded store, with
 * webhooks where the vendor sends them. Limits are the harnesses' (the vendors' own, time-scaled ×0.05), so
 * a run takes well under a minute. Each vendor's orders are submitted first (paid and waiting, as after a
 * sale), then the engine starts; a vendor's achieved rate is its placements from the engine's start to its
 * last placement ÷ the ceiling its own limits allow (`placementCeiling`). Where the binding rule counts every
 * request (Starship), the achieved rate counts every request the sandbox saw in that time, since status
 * calls spend the same budget. Budgetree and GiftHub publish no rate limit: the benchmark gives them a shop's
 * own Place Order spacing (marked "self-imposed") so that there is a ceiling to reach. Rate-limit violations
 * (429s) are counted by each sandbox. Target: ≥ 0.95 of the ceiling for each vendor, zero 429s.
 */
import { randomUUID } from 'node:crypto';
import { createBudgetree } from '@giftwire/budgetree';
import type { VendorHarness } from '@giftwire/conformance';
import type { VendorAdapter } from '@giftwire/core';
import { createGiftHub } from '@giftwire/gifthub';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { temporaryEmbeddedStore } from './bench-world';
import { placementCeiling } from './placement-ceiling';
import {
  settledCounter,
  startBenchFulfiller,
  startVendorBenchWorld,
  type VendorBenchWorld,
} from './vendor-world';

/** The vendors that publish no rate limit, by name: their clients are made again with a shop's own spacing. */
const UNLIMITED_VENDORS: Record<string, (settings: never) => VendorAdapter> = {
  budgetree: createBudgetree,
  gifthub: createGiftHub,
};

/** How long each vendor's batch should keep the engine busy at its ceiling. */
const BUSY_SECONDS = Number(process.env.BENCH_BUSY_SECONDS ?? 20);
/** Most orders per vendor, so a vendor with a high ceiling does not turn the run into a storage benchmark. */
const MAX_ORDERS = Number(process.env.BENCH_MAX_ORDERS ?? 400);
/** A shop's own spacing for vendors that publish no limit: 20 orders/s. */
const SELF_IMPOSED_SPACING_MS = 50;
const PRODUCTS_PER_BATCH = 6;
export const THROUGHPUT_TARGET = 0.95;

export interface ThroughputFigures {
  vendor: string;
  orders: number;
  seconds: number;
  achieved: number;
  ceiling: number;
  ceilingRule: string;
  ratio: number;
  violations: number;
}

function withCeiling(harness: VendorHarness, adapter: VendorAdapter) {
  const products = new Set(
    Array.from(
      { length: PRODUCTS_PER_BATCH },
      (_, i) => harness.sampleRequest(randomUUID(), 1, i).lines[0]!.productId,
    ),
  ).size;
  const own = placementCeiling(adapter.limits, products);
  if (own) return { ceiling: own, selfImposed: false };
  const rule = {
    kind: 'spacing',
    operation: 'placeOrder',
    scope: 'vendor',
    intervalMs: SELF_IMPOSED_SPACING_MS,
  } as const;
  return {
    ceiling: { perSecond: 1000 / SELF_IMPOSED_SPACING_MS, rule, sharedWithEveryCall: false },
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
    const ceiling = withCeiling(harness, probe.adapter);
    await probe.close();
    const world = await startVendorBenchWorld(harness, {
      webhooks: harness.webhook !== undefined,
      settleAfterMs: () => 100 * Math.random(),
    });
    if (ceiling.selfImposed) world.adapter = await selfImposed(world, harness);
    worlds.push(world);
    plans.push({
      world,
      ceiling,
      orders: Math.min(MAX_ORDERS, Math.round(ceiling.ceiling.perSecond * BUSY_SECONDS)),
    });
  }
  const { store, dispose } = await temporaryEmbeddedStore();
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
  const fulfiller = await startBenchFulfiller(worlds, store, { start: false });
  const settled = settledCounter(fulfiller);
  const references: string[] = [];
  for (const { world, orders } of plans) {
    for (let i = 0; i < orders; i++) {
      const request = world.harness.sampleRequest(randomUUID(), 1, i);
      references.push((await fulfiller.submit({ vendor: world.harness.vendor, request })).order.reference);
    }
  }
  const before = new Map(plans.map(({ world }) => [world.harness.vendor, world.sandbox.calls('any')]));
  const started = performance.now();
  await fulfiller.start();
  await settled.all(references);

  const figures = plans.map(({ world, ceiling, orders }) => {
    const vendor = world.harness.vendor;
    const last = lastPlacement.get(vendor)!;
    const seconds = (last.at - started) / 1000;
    const counted = ceiling.ceiling.sharedWithEveryCall ? last.requests - before.get(vendor)! : orders;
    const achieved = counted / seconds;
    const rule = ceiling.ceiling.rule;
    return {
      vendor,
      orders,
      seconds,
      achieved,
      ceiling: ceiling.ceiling.perSecond,
      ceilingRule: `${ceiling.selfImposed ? 'self-imposed ' : ''}${rule.kind} ${rule.operation}${rule.scope ? `/${rule.scope}` : ''}`,
      ratio: achieved / ceiling.ceiling.perSecond,
      violations: world.sandbox.violations.length,
    };
  });
  await Promise.all(worlds.map((w) => w.close()));
  await dispose();

  console.log(
    `\nengine throughput, four vendors in one engine at once (limits ×0.05; orders submitted first, engine started, ` +
      `rate = engine start → the vendor's last placement)`,
  );
  console.table(
    figures.map((f) => ({
      vendor: f.vendor,
      orders: f.orders,
      'seconds to last placement': f.seconds.toFixed(1),
      achieved: `${f.achieved.toFixed(2)}/s`,
      ceiling: `${f.ceiling.toFixed(2)}/s (${f.ceilingRule})`,
      ratio: f.ratio.toFixed(3),
      'target ≥ 0.95':
        f.ratio >= THROUGHPUT_TARGET ? 'yes' : `NO (−${(THROUGHPUT_TARGET - f.ratio).toFixed(3)})`,
      '429s': f.violations,
    })),
  );
  return { figures, met: figures.every((f) => f.ratio >= THROUGHPUT_TARGET && f.violations === 0) };
}

/** The harness's adapter for `world`'s sandbox, created again with a Place Order spacing of the shop's own. */
async function selfImposed(world: VendorBenchWorld, harness: VendorHarness): Promise<VendorAdapter> {
  const created = harness.createAdapter(world.sandbox);
  const module = (await import(`@giftwire/${harness.vendor}`)) as Record<string, unknown>;
  const factory = Object.entries(module).find(
    ([name]) => name.toLowerCase() === `create${harness.vendor}`,
  )?.[1] as ((settings: object) => VendorAdapter) | undefined;
  if (!factory) throw new Error(`no create function in @giftwire/${harness.vendor}`);
  return factory({
    ...world.sandbox.clientSettings(),
    env: {},
    limits: {
      ...created.limits,
      rateLimits: [
        { kind: 'spacing', operation: 'placeOrder', scope: 'vendor', intervalMs: SELF_IMPOSED_SPACING_MS },
      ],
    },
    timeoutMs: harness.requestTimeoutMs,
  } as never);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { met } = await throughputBenchmark();
  if (!met) process.exitCode = 1;
}
