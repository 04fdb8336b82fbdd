import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BambooSandbox, sandboxProductIds } from '@giftwire/bamboo/sandbox';
import type { VendorAdapter } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { MIN_SETTLE_SAMPLES } from '../../src/fulfillment/settle-quantiles';
import type { OrderStore } from '../../src/store/order-store';
import { NOTIFICATION_SECRET, scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * The engine learns when orders settle (from the Bamboo sandbox over real HTTP, orders settling after a
 * random 100–600 ms) and then asks for their status at those moments: fewer calls per order than the
 * vendor's schedule (40, 80, 160, 160 … ms), and while webhooks arrive, only a safety-net call that still
 * settles an order whose webhook never comes.
 */
const WARM_UP = MIN_SETTLE_SAMPLES + 5;
const MEASURED = 20;

let sandbox: BambooSandbox | undefined;
let server: Server | undefined;
let fulfiller: Fulfiller | undefined;

afterEach(async () => {
  await fulfiller?.stop();
  await sandbox?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  sandbox = server = fulfiller = undefined;
});

/** References whose webhooks the shop's endpoint swallows: for the engine they never come. */
const silenced = new Set<string>();

async function startWorld({ webhooks }: { webhooks: boolean }) {
  let notificationUrl: string | undefined;
  if (webhooks) {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const { requestId } = JSON.parse(rawBody.toString('utf8')) as { requestId: string };
        if (silenced.has(requestId)) return void res.writeHead(204).end();
        fulfiller!.handleWebhook('bamboo', { headers: req.headers, rawBody }).then(
          () => res.writeHead(204).end(),
          () => res.writeHead(401).end(),
        );
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    notificationUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/bamboo`;
  }
  sandbox = await startScaledBambooSandbox({
    // One product, so its own distribution is learned; no per-product window to wait for in between.
    limits: { placeOrderSpacingMs: 5, perProductWindowMs: 1 },
    scenario: { settleAfterMs: () => 100 + Math.random() * 500 },
    ...(notificationUrl ? { notification: { url: notificationUrl, secretKey: NOTIFICATION_SECRET } } : {}),
  });
  // The client's own limiter too: at test-kit's scale Bamboo's 6 orders a minute per product would space the
  // batches out by seconds (the test's 45 orders waited ~20 s on it) without changing what is learned.
  const scaled = scaledBamboo(sandbox).limits;
  const bamboo = scaledBamboo(sandbox, {
    limits: {
      ...scaled,
      rateLimits: [
        { kind: 'spacing', operation: 'placeOrder', scope: 'vendor', intervalMs: 5 },
        ...scaled.rateLimits.filter((rule) => rule.operation !== 'placeOrder'),
      ],
    },
  });
  const adapter: VendorAdapter = {
    ...bamboo,
    limits: {
      ...bamboo.limits,
      rateLimits: [{ kind: 'spacing', operation: 'placeOrder', scope: 'vendor', intervalMs: 5 }],
    },
  };
  const world = testFulfiller([adapter], { tuning: { placementGraceMs: 50, random: Math.random } });
  fulfiller = world.fulfiller;
  await fulfiller.start();
  return { sandbox, fulfiller, store: world.store };
}

function request() {
  return {
    reference: randomUUID(),
    lines: [
      {
        productId: String(sandboxProductIds.usdVariable),
        quantity: 1,
        faceValue: { amount: '10', currency: 'USD' },
      },
    ],
  };
}

/** Submits `n` orders at once and waits until all are settled; returns the sandbox's Get Order calls. */
async function settleBatch(world: { sandbox: BambooSandbox; fulfiller: Fulfiller }, n: number) {
  const before = world.sandbox.calls('getOrder');
  const references = await Promise.all(
    Array.from(
      { length: n },
      async () => (await world.fulfiller.submit({ vendor: 'bamboo', request: request() })).order.reference,
    ),
  );
  for (const reference of references) {
    await waitForOrder(() => world.fulfiller.get(reference), isSettled, 20_000);
  }
  return world.sandbox.calls('getOrder') - before;
}

async function pollsOf(store: OrderStore, reference: string) {
  return (await store.attempts(reference)).filter((a) => a.action === 'poll');
}

describe('learned polling', () => {
  it('polls where orders settle once it has learned: fewer status calls per order than the schedule', async () => {
    const world = await startWorld({ webhooks: false });
    const learning = await settleBatch(world, WARM_UP);
    const samples = await world.store.settleSamples({
      vendor: 'bamboo',
      productId: String(sandboxProductIds.usdVariable),
    });
    expect(samples).toHaveLength(WARM_UP);
    for (const s of samples) expect(s.openMs).toBeLessThanOrEqual(s.settledMs);

    const learned = await settleBatch(world, MEASURED);
    // The schedule spends about four calls on an order settling in 100–600 ms; the learned moments about two.
    expect(learning / WARM_UP).toBeGreaterThan(2.5);
    expect(learned / MEASURED).toBeLessThanOrEqual(2.2);
  }, 60_000);

  it('while webhooks arrive, costs one call per order and still settles an order whose webhook never comes', async () => {
    const world = await startWorld({ webhooks: true });
    await settleBatch(world, WARM_UP);
    const calls = await settleBatch(world, MEASURED);
    expect(calls / MEASURED).toBeLessThanOrEqual(1.2);

    const lost = request();
    silenced.add(lost.reference);
    await world.fulfiller.submit({ vendor: 'bamboo', request: lost });
    const settled = await waitForOrder(() => world.fulfiller.get(lost.reference), isSettled, 20_000);
    expect(settled.status).toBe('fulfilled');
    // Found by the safety-net call alone: one status call, made after the learned p99.
    expect(await pollsOf(world.store, lost.reference)).toHaveLength(1);
  }, 60_000);
});
