/**
 * Router overhead: `GET /orders/:reference` of a settled order through the giftwire router over the
 * embedded store, against a bare Express handler answering the same JSON from memory — same run, same
 * connections, alternated. Target: ≥ 0.7 of the bare throughput. Beside it, the overhead of
 * `POST /orders` (validation + durable write, the vendor not yet called) over a bare Express POST handler
 * measured in the same run, median, target ≤ 2 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { median, printRatioTable } from '@giftwire/bench-kit';
import { scaleLimits } from '@giftwire/core';
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

const CONNECTIONS = 10;
const DURATION_S = 3;
const ROUNDS = 2;
const POSTS = 300;
const CUSTOMER = 'bench-customer';

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

async function fulfillerFor(sandbox: BambooSandbox, dataDir: string): Promise<Fulfiller> {
  const limits = scaleLimits(BAMBOO_LIMITS, 0.05);
  return createFulfiller({
    vendors: [
      createBamboo({
        clientId: 'sandbox-client',
        clientSecret: 'sandbox-secret',
        accountId: 555,
        baseUrl: sandbox.url,
        limits: { ...limits, poll: { initialDelayMs: 40, intervalsMs: [40, 80, 160] } },
        env: {},
      }),
    ],
    store: createEmbeddedOrderStore({ dataDir }),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
  });
}

function routerApp(fulfiller: Fulfiller): Express {
  const app = express();
  app.use(
    giftwire({
      fulfiller,
      // BENCH_NO_CACHE=1 shows what the settled-order cache is worth.
      settledOrderCacheSize: process.env.BENCH_NO_CACHE ? 0 : 1_000,
      authenticate: (req) => {
        const customerId = req.get('x-customer');
        return customerId ? { customerId } : undefined;
      },
      // What is measured is the router; a shop's paid-order lookup would be its own cost.
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

// 500200 is a fixed 25 USD card: submit checks face values against the catalog and refuses any other.
const orderRequest = (productId = '439685') => ({
  vendor: 'bamboo',
  reference: randomUUID(),
  lines: [
    { productId, quantity: 1, faceValue: { amount: productId === '500200' ? '25' : '10', currency: 'USD' } },
  ],
});

async function main(): Promise<void> {
  const sandbox = await startBambooSandbox({ scenario: { processingAfterMs: 20, settleAfterMs: 60 } });
  const dataDirs = [
    await mkdtemp(join(tmpdir(), 'giftwire-express-bench-')),
    await mkdtemp(join(tmpdir(), 'giftwire-express-bench-')),
  ];
  const fulfiller = await fulfillerFor(sandbox, dataDirs[0]!);
  // Never started: POST /orders is measured up to the durable write, before any vendor call.
  const idle = await fulfillerFor(sandbox, dataDirs[1]!);
  try {
    await fulfiller.start();
    const routed = await listen(routerApp(fulfiller));
    const order = orderRequest();
    await request(`${routed.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-customer': CUSTOMER },
      body: JSON.stringify(order),
    }).then((res) => res.body.text());
    const orderUrl = `${routed.url}/orders/${order.reference}`;
    let body = '';
    for (let i = 0; i < 500; i++) {
      body = await (await request(orderUrl, { headers: { 'x-customer': CUSTOMER } })).body.text();
      if ((JSON.parse(body) as { state: string }).state === 'settled') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if ((JSON.parse(body) as { state: string }).state !== 'settled') throw new Error('order never settled');
    await fulfiller.stop();

    const rendered: unknown = JSON.parse(body);
    const bareApp = express();
    bareApp.get('/orders/:reference', (_req, res) => {
      res.json(rendered);
    });
    const bare = await listen(bareApp);
    const bareUrl = `${bare.url}/orders/${order.reference}`;

    // Warm-up: JIT, PGlite caches and keep-alive sockets for both.
    await throughput(orderUrl);
    await throughput(bareUrl);
    let routerTotal = 0;
    let bareTotal = 0;
    for (let round = 0; round < ROUNDS; round++) {
      routerTotal += await throughput(orderUrl);
      bareTotal += await throughput(bareUrl);
    }

    const posting = await listen(routerApp(idle));
    // The same POST answered by a bare Express handler (JSON parsed, 201 sent): HTTP and Express cost this
    // much whatever the router does; the router's overhead is the difference of the medians.
    const barePostApp = express();
    barePostApp.post('/orders', express.json(), (req, res) => {
      res.status(201).json({ reference: (req.body as { reference?: string }).reference, state: 'accepted' });
    });
    const barePost = await listen(barePostApp);
    const postLatencies = async (url: string): Promise<number[]> => {
      const latencies: number[] = [];
      for (let i = 0; i < POSTS + 20; i++) {
        const payload = JSON.stringify(orderRequest(i % 2 ? '439685' : '500200'));
        const started = performance.now();
        const res = await request(`${url}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-customer': CUSTOMER },
          body: payload,
        });
        await res.body.text();
        // The first 20 warm the JIT and the store up.
        if (i >= 20) latencies.push(performance.now() - started);
        if (res.statusCode !== 201) throw new Error(`POST /orders answered ${res.statusCode}`);
      }
      return latencies;
    };
    const bareMedian = median(await postLatencies(barePost.url));
    const latencies = await postLatencies(posting.url);
    const routedMedian = median(latencies);
    // The same submission straight into the engine: what the store write costs without HTTP or the router.
    const direct: number[] = [];
    for (let i = 0; i < POSTS; i++) {
      const { lines, reference, vendor } = orderRequest();
      const started = performance.now();
      await idle.submit({ vendor, request: { reference, lines }, customerId: CUSTOMER });
      direct.push(performance.now() - started);
    }

    const met = printRatioTable('@giftwire/express', [
      {
        name: 'GET /orders/:reference (settled) vs bare Express',
        value: routerTotal / ROUNDS,
        baseline: bareTotal / ROUNDS,
        unit: 'req/s',
        better: 'higher',
        target: 0.7,
      },
      {
        name: 'POST /orders overhead (router − bare POST) vs 2 ms',
        value: routedMedian - bareMedian,
        baseline: 2,
        unit: 'ms',
        better: 'lower',
        target: 1,
      },
    ]);
    console.log(
      `POST /orders median ${routedMedian.toFixed(2)} ms through the router, ${bareMedian.toFixed(2)} ms bare; ` +
        `fulfiller.submit() alone ${median(direct).toFixed(2)} ms`,
    );
    console.log(
      `connections ${CONNECTIONS}, ${DURATION_S} s × ${ROUNDS} rounds each; POST median of ${POSTS}`,
    );
    await Promise.all([
      closeServer(routed.server),
      closeServer(bare.server),
      closeServer(posting.server),
      closeServer(barePost.server),
    ]);
    if (!met) process.exitCode = 1;
  } finally {
    await fulfiller.close();
    await idle.close();
    await sandbox.close();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

await main();
