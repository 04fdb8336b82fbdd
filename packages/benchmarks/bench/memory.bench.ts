/**
 * Memory: RSS growth while 10,000 orders are in flight (placed, not yet settled) in the embedded store.
 * Target ≤ 150 MB. Baseline from the same run: the growth from keeping the same 10,000 requests as plain
 * objects in a Map, what any app holding them would pay. Run with --expose-gc (the bench script does).
 * `BENCH_MEMORY_ORDERS=1000` for a short run.
 */
import { randomUUID } from 'node:crypto';
import type { BenchRow } from '@giftwire/bench-kit';
import type { GiftCardOrder, PlaceOrderRequest } from '@giftwire/core';
import { createFulfiller, generateEncryptionKey } from '@giftwire/engine';
import { sleep, steadyVendor, temporaryEmbeddedStore } from './bench-world';

const ORDERS = Number(process.env.BENCH_MEMORY_ORDERS ?? 10_000);
const BUDGET_MB = 150;

/** A vendor that takes every order at once and keeps it processing: all of them stay in flight. */
const neverSettles = steadyVendor({
  firstPollMs: 3_600_000,
  async getOrder({ reference }): Promise<GiftCardOrder> {
    return {
      vendor: 'steady',
      reference,
      status: 'processing',
      lines: [],
      updatedAt: new Date().toISOString(),
    };
  },
});

function request(i: number): PlaceOrderRequest {
  return {
    reference: randomUUID(),
    lines: [{ productId: `p-${i % 50}`, quantity: 2, faceValue: { amount: '25', currency: 'USD' } }],
  };
}

function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss / 1024 / 1024;
}

export async function memoryBenchmark(): Promise<BenchRow[]> {
  // Baseline: the requests themselves, held in memory.
  const before = settledRss();
  const held = new Map<string, PlaceOrderRequest>();
  for (let i = 0; i < ORDERS; i++) {
    const r = request(i);
    held.set(r.reference, r);
  }
  const baselineGrowth = Math.max(1, settledRss() - before);
  held.clear();

  const { store, dispose } = await temporaryEmbeddedStore({ reopened: true });
  const fulfiller = createFulfiller({
    vendors: [neverSettles],
    store,
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
  });
  let placed = 0;
  fulfiller.on('order.updated', (order) => {
    if (order.state === 'placed') placed++;
  });
  await fulfiller.start();
  // Warm up PGlite, the JIT and the pools so the growth measured is the orders', not the start-up's.
  for (let i = 0; i < 1_000; i++) await fulfiller.submit({ vendor: 'steady', request: request(i) });
  while (placed < 1_000) await sleep(10);
  const rss0 = settledRss();
  const mem0 = process.memoryUsage();
  // The peak, sampled throughout, not just the end: transient growth counts too (conservative).
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
  }, 50);
  for (let i = 0; i < ORDERS; i++) await fulfiller.submit({ vendor: 'steady', request: request(i) });
  while (placed < ORDERS + 1_000) await sleep(20);
  const rss1 = settledRss();
  const mem1 = process.memoryUsage();
  clearInterval(sampler);
  peak = Math.max(peak, rss1);
  // RSS can fall while orders pile up (the OS takes back pages PGlite's start-up touched), so also count
  // what the JS heap and native memory (PGlite's WASM heap) grew by, and report the larger.
  const heldMb = (m: NodeJS.MemoryUsage) => (m.heapUsed + m.external) / 1024 / 1024;
  const growth = Math.max(peak - rss0, heldMb(mem1) - heldMb(mem0));
  console.log(
    `memory: ${ORDERS} in-flight orders: RSS ${rss0.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${rss1.toFixed(0)} MB after; ` +
      `heap+native ${heldMb(mem0).toFixed(1)} → ${heldMb(mem1).toFixed(1)} MB; growth counted ${growth.toFixed(1)} MB; ` +
      `the same requests as plain objects: ${baselineGrowth.toFixed(1)} MB`,
  );
  await fulfiller.stop();
  await dispose();
  return [
    {
      name: `peak RSS growth, ${ORDERS} in-flight orders vs 150 MB budget`,
      value: growth,
      baseline: BUDGET_MB,
      unit: 'MB',
      better: 'lower',
      target: 1,
    },
    {
      name: `peak RSS growth, ${ORDERS} in-flight vs plain objects`,
      value: growth,
      baseline: baselineGrowth,
      unit: 'MB',
      better: 'lower',
      target: BUDGET_MB / baselineGrowth,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRatioTable } = await import('@giftwire/bench-kit');
  if (!printRatioTable('@giftwire/engine memory', await memoryBenchmark())) process.exitCode = 1;
}
