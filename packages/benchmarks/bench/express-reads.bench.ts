/**
 * Express reads: `GET /orders/:reference` through the giftwire router over the default embedded store,
 * against a bare Express handler answering the same JSON from memory — same run, same connections, rounds
 * alternated. Two orders: one settled (served from the router's settled-order cache), one in flight (not
 * cacheable by the router: it changes until it settles). Targets from issue #15: in-flight ≥ 0.5× bare.
 * Beside them, in-flight with the embedded store's record cache off, to show what it is worth.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchRow, printRatioTable } from '@giftwire/bench-kit';
import { type GiftCardOrder, type PlaceOrderRequest, Secret } from '@giftwire/core';
import {
  createEmbeddedOrderStore,
  createFulfiller,
  type Fulfiller,
  generateEncryptionKey,
} from '@giftwire/engine';
import { giftwire } from '@giftwire/express';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import { request } from 'undici';
import { sleep, steadyVendor } from './bench-world';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_READS_SECONDS ?? 3);
const ROUNDS = 2;
const CUSTOMER = 'bench-customer';
const SETTLING_PRODUCT = 'settles';

/**
 * A vendor that answers at once: orders of {@link SETTLING_PRODUCT} are delivered with a code on the first
 * status call, all others stay `processing` (polled once, then not for an hour) — in flight for the run.
 */
const vendor = steadyVendor({
  firstPollMs: 20,
  async getOrder({ reference }): Promise<GiftCardOrder> {
    const settles = requests.get(reference)?.lines[0]?.productId === SETTLING_PRODUCT;
    const line = requests.get(reference)?.lines[0];
    return {
      vendor: 'steady',
      reference,
      vendorOrderId: `v-${reference.slice(0, 8)}`,
      status: settles ? 'fulfilled' : 'processing',
      lines: line
        ? [
            {
              productId: line.productId,
              quantity: 1,
              faceValue: line.faceValue,
              vouchers: [
                settles
                  ? {
                      status: 'issued',
                      faceValue: line.faceValue,
                      code: new Secret(`CODE-${reference.slice(0, 6)}`),
                    }
                  : { status: 'pending', faceValue: line.faceValue },
              ],
            },
          ]
        : [],
      updatedAt: new Date().toISOString(),
    };
  },
});
const requests = new Map<string, PlaceOrderRequest>();

async function listen(app: Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function routerApp(fulfiller: Fulfiller): Express {
  const app = express();
  app.use(
    giftwire({
      fulfiller,
      authenticate: (req) => {
        const customerId = req.get('x-customer');
        return customerId ? { customerId } : undefined;
      },
      authorizePlacement: () => true,
    }),
  );
  return app;
}

async function throughput(url: string): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'x-customer': CUSTOMER },
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result.requests.average;
}

/** Places one order through the router and waits until the engine has polled it into `state`. */
async function placeThrough(url: string, productId: string, state: 'settled' | 'placed'): Promise<string> {
  const reference = randomUUID();
  const lines = [{ productId, quantity: 1, faceValue: { amount: '10', currency: 'USD' } }];
  requests.set(reference, { reference, lines });
  const posted = await request(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-customer': CUSTOMER },
    body: JSON.stringify({ vendor: 'steady', reference, lines }),
  });
  await posted.body.text();
  if (posted.statusCode !== 201) throw new Error(`POST /orders answered ${posted.statusCode}`);
  for (let i = 0; i < 500; i++) {
    const body = await (
      await request(`${url}/orders/${reference}`, { headers: { 'x-customer': CUSTOMER } })
    ).body.json();
    const order = body as { state: string; lines: { vouchers: unknown[] }[] };
    // In flight: wait for the first status call, so reads unseal a stored vendor order as real ones do.
    if (order.state === state && (state === 'settled' || order.lines[0]?.vouchers.length)) return reference;
    await sleep(20);
  }
  throw new Error(`order never reached ${state}`);
}

/** Router vs bare Express on one order, rounds alternated; returns [router req/s, bare req/s]. */
async function compareReads(routerUrl: string, reference: string): Promise<[number, number]> {
  const url = `${routerUrl}/orders/${reference}`;
  const rendered: unknown = await (await request(url, { headers: { 'x-customer': CUSTOMER } })).body.json();
  const bareApp = express();
  bareApp.get('/orders/:reference', (_req, res) => {
    res.json(rendered);
  });
  const bare = await listen(bareApp);
  const bareUrl = `${bare.url}/orders/${reference}`;
  try {
    // Warm-up: JIT, PGlite and keep-alive sockets for both.
    await throughput(url);
    await throughput(bareUrl);
    let routed = 0;
    let plain = 0;
    for (let round = 0; round < ROUNDS; round++) {
      routed += await throughput(url);
      plain += await throughput(bareUrl);
    }
    return [routed / ROUNDS, plain / ROUNDS];
  } finally {
    await closeServer(bare.server);
  }
}

export async function expressReadsBenchmark(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const cachedOrders of [undefined, 0]) {
    const dataDir = await mkdtemp(join(tmpdir(), 'giftwire-express-reads-'));
    const store = createEmbeddedOrderStore({ dataDir, cachedOrders });
    const fulfiller = createFulfiller({
      vendors: [vendor],
      store,
      encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    });
    await fulfiller.start();
    const routed = await listen(routerApp(fulfiller));
    try {
      const inFlight = await placeThrough(routed.url, 'stays-open', 'placed');
      if (cachedOrders === undefined) {
        const settled = await placeThrough(routed.url, SETTLING_PRODUCT, 'settled');
        const [router, bare] = await compareReads(routed.url, settled);
        rows.push({
          name: 'GET settled order (router cache) vs bare Express',
          value: router,
          baseline: bare,
          unit: 'req/s',
          better: 'higher',
          target: 0.7,
        });
      }
      const [router, bare] = await compareReads(routed.url, inFlight);
      rows.push({
        name:
          cachedOrders === undefined
            ? 'GET in-flight order (uncached by the router) vs bare Express'
            : 'GET in-flight order, store record cache off (for comparison)',
        value: router,
        baseline: bare,
        unit: 'req/s',
        better: 'higher',
        // The row without the store's cache is shown, not held to the target.
        target: cachedOrders === undefined ? 0.5 : 0,
      });
    } finally {
      await closeServer(routed.server);
      await fulfiller.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!printRatioTable('@giftwire/express reads', await expressReadsBenchmark())) process.exitCode = 1;
  console.log(`connections ${CONNECTIONS}, ${DURATION_S} s × ${ROUNDS} rounds each, alternated`);
}
