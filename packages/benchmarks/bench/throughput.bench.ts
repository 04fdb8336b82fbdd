/**
 * Throughput: 600 orders through the engine against the Bamboo sandbox, Bamboo's documented limits
 * time-scaled ×0.18 (500 ms → 90 ms between Place Order calls: a ceiling of 11.1 orders/s), on the embedded
 * store, with webhooks. The orders are submitted first; achieved orders/s (engine start → last settled) ÷ the
 * ceiling; target ≥ 0.95 with zero 429s.
 */
import { randomUUID } from 'node:crypto';
import { BAMBOO_LIMITS } from '@giftwire/bamboo';
import { loadTestAccounts, loadTestCatalog, loadTestProductId } from '@giftwire/bamboo/sandbox';
import { printRatioTable } from '@giftwire/bench-kit';
import { scaleLimits } from '@giftwire/core';
import { createFulfiller, type Fulfiller, generateEncryptionKey } from '@giftwire/engine';
import {
  BENCH_NOTIFICATION_SECRET,
  benchBamboo,
  sleep,
  startWebhookEndpoint,
  temporaryEmbeddedStore,
} from './bench-world';
import { startSandboxProcess } from './sandbox-process';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 600);
const PRODUCTS = 40;
// 500 ms between Place Order calls becomes 90 ms: 600 orders need 54 s at the ceiling.
const SCALE = 0.18;

export async function throughputBenchmark() {
  let fulfiller: Fulfiller | undefined;
  const hooks = await startWebhookEndpoint(() => fulfiller!);
  const sandbox = await startSandboxProcess({
    catalog: loadTestCatalog(PRODUCTS),
    accounts: loadTestAccounts,
    limits: { placeOrderSpacingMs: 500 * SCALE, perProductWindowMs: 60_000 * SCALE },
    scenario: { processingAfterMs: 20, settleAfterMs: 100 },
    notification: { url: hooks.url, secretKey: BENCH_NOTIFICATION_SECRET, retryDelaysMs: [50, 200] },
  });
  const limits = scaleLimits(BAMBOO_LIMITS, SCALE);
  const bamboo = benchBamboo(sandbox.url, limits);
  let getCalls = 0;
  let lastPlacedAt = 0;
  const placedAt: number[] = [];
  const counted = {
    ...bamboo,
    getOrder: (...args: Parameters<typeof bamboo.getOrder>) => {
      getCalls++;
      return bamboo.getOrder(...args);
    },
    placeOrder: async (...args: Parameters<typeof bamboo.placeOrder>) => {
      const result = await bamboo.placeOrder(...args);
      lastPlacedAt = performance.now();
      placedAt.push(lastPlacedAt);
      return result;
    },
  };
  const { store, dispose } = await temporaryEmbeddedStore();
  fulfiller = createFulfiller({
    vendors: [counted],
    store,
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
  });

  let settled = 0;
  let lastSettledAt = 0;
  fulfiller.on('order.settled', () => {
    settled++;
    lastSettledAt = performance.now();
  });
  // The orders are submitted first (paid and waiting, as after a sale), then the clock starts with the engine.
  for (let i = 0; i < ORDERS; i++) {
    await fulfiller.submit({
      vendor: 'bamboo',
      request: {
        reference: randomUUID(),
        lines: [
          {
            productId: loadTestProductId(i, PRODUCTS),
            quantity: 1,
            faceValue: { amount: '10', currency: 'USD' },
          },
        ],
      },
    });
  }
  const started = performance.now();
  await fulfiller.start();
  while (settled < ORDERS) await sleep(20);
  const seconds = (lastSettledAt - started) / 1000;
  const gaps = placedAt
    .slice(1)
    .map((at, i) => at - placedAt[i]!)
    .sort((a, b) => a - b);
  const percentile = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))]!.toFixed(1);
  const achieved = ORDERS / seconds;
  const ceiling = 1000 / (500 * SCALE);
  const { violations, placeOrderCalls } = await sandbox.stats();
  await fulfiller.stop();
  await dispose();
  await sandbox.close();
  await hooks.close();
  console.log(
    `throughput: ${ORDERS} orders settled in ${seconds.toFixed(1)} s (last placed at ${((lastPlacedAt - started) / 1000).toFixed(1)} s), ` +
      `${placeOrderCalls} Place Order calls, ${getCalls} Get Order calls, ${violations} rate-limit violations (429s); ` +
      `gap between placements p50 ${percentile(0.5)} ms, p90 ${percentile(0.9)} ms, max ${percentile(1)} ms (spacing ${500 * SCALE} ms)`,
  );
  return {
    met: violations === 0 && placeOrderCalls === ORDERS,
    row: {
      name: `${ORDERS} orders end to end vs limit ceiling`,
      value: achieved,
      baseline: ceiling,
      unit: 'orders/s',
      better: 'higher' as const,
      target: 0.95,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { row, met } = await throughputBenchmark();
  if (!printRatioTable('@giftwire/engine throughput', [row]) || !met) process.exitCode = 1;
}
