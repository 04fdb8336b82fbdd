/**
 * Status calls per settled order, against a sandbox whose orders settle after a random delay (0.5–30 s,
 * time-scaled ×0.1). Three ways of following the same kind of orders: a fixed 5-second poll (the baseline),
 * the engine polling on Bamboo's schedule only, and the engine with Bamboo's notification callback.
 * Target: with webhooks ≤ 1.2 × the fixed poll.
 */
import { randomUUID } from 'node:crypto';
import { BAMBOO_LIMITS, type BambooAdapter } from '@giftwire/bamboo';
import { loadTestAccounts, loadTestCatalog, loadTestProductId } from '@giftwire/bamboo/sandbox';
import type { BenchRow } from '@giftwire/bench-kit';
import { isFinal, scaleLimits } from '@giftwire/core';
import { createFulfiller, type Fulfiller, generateEncryptionKey } from '@giftwire/engine';
import {
  BENCH_NOTIFICATION_SECRET,
  benchBamboo,
  sleep,
  startWebhookEndpoint,
  temporaryEmbeddedStore,
} from './bench-world';
import { startSandboxProcess } from './sandbox-process';

const ORDERS = 100;
const PRODUCTS = 40;
const SCALE = 0.1;
const FIXED_POLL_MS = 5_000 * SCALE;

function requestFor(i: number) {
  return {
    reference: randomUUID(),
    lines: [
      {
        productId: loadTestProductId(i, PRODUCTS),
        quantity: 1,
        faceValue: { amount: '10', currency: 'USD' },
      },
    ],
  };
}

async function world(
  withWebhooks: boolean,
  run: (bamboo: BambooAdapter, counted: () => number, fulfillerRef: { current?: Fulfiller }) => Promise<void>,
) {
  const fulfillerRef: { current?: Fulfiller } = {};
  const hooks = await startWebhookEndpoint(() => fulfillerRef.current!);
  const sandbox = await startSandboxProcess({
    catalog: loadTestCatalog(PRODUCTS),
    accounts: loadTestAccounts,
    limits: { placeOrderSpacingMs: 500 * SCALE, perProductWindowMs: 60_000 * SCALE },
    scenario: { processingAfterMs: 20 },
    settleBetweenMs: [500 * SCALE, 30_000 * SCALE],
    ...(withWebhooks
      ? { notification: { url: hooks.url, secretKey: BENCH_NOTIFICATION_SECRET, retryDelaysMs: [50, 200] } }
      : {}),
  });
  const scaled = scaleLimits(BAMBOO_LIMITS, SCALE);
  // The read limit in BAMBOO_LIMITS is unverified; left out so that no strategy is throttled by it.
  const limits = { ...scaled, rateLimits: scaled.rateLimits.filter((r) => r.operation !== 'getOrder') };
  const bamboo = benchBamboo(sandbox.url, limits);
  let calls = 0;
  const counted: BambooAdapter = {
    ...bamboo,
    getOrder: (...args) => {
      calls++;
      return bamboo.getOrder(...args);
    },
  };
  try {
    await run(counted, () => calls, fulfillerRef);
  } finally {
    await sandbox.close();
    await hooks.close();
  }
}

async function fixedPoll(): Promise<number> {
  let perOrder = 0;
  await world(false, async (bamboo, calls) => {
    await Promise.all(
      Array.from({ length: ORDERS }, async (_, i) => {
        const request = requestFor(i);
        await bamboo.placeOrder(request);
        for (;;) {
          await sleep(FIXED_POLL_MS);
          if (isFinal((await bamboo.getOrder({ reference: request.reference })).status)) return;
        }
      }),
    );
    perOrder = calls() / ORDERS;
  });
  return perOrder;
}

async function engine(withWebhooks: boolean): Promise<number> {
  let perOrder = 0;
  await world(withWebhooks, async (bamboo, calls, fulfillerRef) => {
    const { store, dispose } = await temporaryEmbeddedStore();
    const fulfiller = createFulfiller({
      vendors: [bamboo],
      store,
      encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    });
    fulfillerRef.current = fulfiller;
    let settled = 0;
    fulfiller.on('order.settled', () => {
      settled++;
    });
    await fulfiller.start();
    for (let i = 0; i < ORDERS; i++) await fulfiller.submit({ vendor: 'bamboo', request: requestFor(i) });
    while (settled < ORDERS) await sleep(20);
    await fulfiller.stop();
    await dispose();
    perOrder = calls() / ORDERS;
  });
  return perOrder;
}

export async function statusCallsBenchmark(): Promise<BenchRow[]> {
  const baseline = await fixedPoll();
  const pollingOnly = await engine(false);
  const withWebhooks = await engine(true);
  console.log(
    `status calls per settled order: fixed 5 s poll ${baseline.toFixed(2)}, engine polling only ${pollingOnly.toFixed(2)}, engine with webhooks ${withWebhooks.toFixed(2)}`,
  );
  console.log(
    `  polling only ÷ fixed 5 s poll: ${(pollingOnly / baseline).toFixed(3)} (no target: webhooks are the intended set-up)`,
  );
  return [
    {
      name: 'status calls/order, webhooks vs fixed 5 s poll',
      value: withWebhooks,
      baseline,
      unit: 'calls',
      better: 'lower',
      target: 1.2,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRatioTable } = await import('@giftwire/bench-kit');
  if (!printRatioTable('@giftwire/engine status calls', await statusCallsBenchmark())) process.exitCode = 1;
}
