import { createEmbeddedOrderStore, type OrderStore } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createTestDatabase, startTcpProxy, type TestDatabase, throughProxy } from '@giftwire/test-kit';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giftwire } from '../src/index';
import {
  as,
  type BambooSandbox,
  type Fulfiller,
  headerAuth,
  http,
  type Listening,
  listen,
  orderBody,
  pollUntil,
  postJson,
  startScaledBambooSandbox,
  testFulfiller,
} from './support/world';

const PROBLEM = 'application/problem+json; charset=utf-8';

let database: TestDatabase;
let sandbox: BambooSandbox;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: 'giftwire_express' });
  sandbox = await startScaledBambooSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await database.drop();
});

/** A TCP proxy in front of the test database: `cut()` takes it away without stopping the shared server. */
async function startProxy() {
  const proxy = await startTcpProxy(database.connectionString);
  return Object.assign(proxy, { connectionString: throughProxy(database.connectionString, proxy) });
}

async function serve(fulfiller: Fulfiller): Promise<Listening> {
  const app = express();
  app.use(giftwire({ fulfiller, authenticate: headerAuth, authorizePlacement: () => true }));
  return listen(app);
}

function expectUnavailable(res: { status: number; headers: Record<string, unknown>; text: string }) {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.headers['content-type']).toBe(PROBLEM);
  expect(JSON.parse(res.text)).toMatchObject({
    type: 'https://giftwire.dev/problems/service-unavailable',
    status: 503,
  });
  // Nothing of the cause: no host, no driver message, no stack.
  expect(res.text).not.toMatch(/127\.0\.0\.1|5432|ECONN|terminated|at .*\.js/);
}

describe('the store unreachable: 503 with Retry-After, not 500', () => {
  it('PostgreSQL cut off: reads and writes answer 503, health 503 naming the store', async () => {
    const proxy = await startProxy();
    const store: OrderStore = createPostgresOrderStore({ connectionString: proxy.connectionString });
    const fulfiller = testFulfiller(sandbox, { store });
    await fulfiller.start();
    const server = await serve(fulfiller);
    try {
      expect((await http(`${server.url}/health`)).status).toBe(200);
      proxy.cut();
      expectUnavailable(await http(`${server.url}/orders/${crypto.randomUUID()}`, { headers: as('a') }));
      expectUnavailable(await postJson(`${server.url}/orders`, orderBody(), as('a')));
      const health = await http(`${server.url}/health`);
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toMatch(/^\d+$/);
      expect(health.body).toEqual({ status: 'unavailable', store: 'failing', scheduler: 'running' });
      proxy.restore();
      expect((await http(`${server.url}/orders/${crypto.randomUUID()}`, { headers: as('a') })).status).toBe(
        404,
      );
    } finally {
      proxy.restore();
      await server.close();
      await fulfiller.stop();
      await store.close();
      await proxy.close();
    }
  });

  it('the embedded store closed under the router: 503 with Retry-After', async () => {
    const store = createEmbeddedOrderStore();
    const fulfiller = testFulfiller(sandbox, { store });
    await fulfiller.start();
    const server = await serve(fulfiller);
    try {
      await store.close();
      expectUnavailable(await postJson(`${server.url}/orders`, orderBody(), as('b')));
      expectUnavailable(await http(`${server.url}/orders`, { headers: as('b') }));
      const health = await http(`${server.url}/health`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ store: 'failing' });
    } finally {
      await server.close();
      await fulfiller.stop();
    }
  });
});

describe('health tells the truth about the scheduler', () => {
  it('503 with Retry-After while the pg-boss scheduler cannot fetch work, 200 once it can', async () => {
    const proxy = await startProxy();
    const store = createPostgresOrderStore({ connectionString: database.connectionString });
    const fulfiller = testFulfiller(sandbox, {
      store,
      // Only the scheduler goes through the proxy: the store answers, the work does not move.
      scheduler: createPgBossScheduler(
        { connectionString: proxy.connectionString },
        { stallAfterSeconds: 1, onError: () => {} },
      ),
    });
    await fulfiller.start();
    const server = await serve(fulfiller);
    const waitForHealth = (status: number) =>
      pollUntil(
        () => http(`${server.url}/health`),
        (res) => res.status === status,
        20_000,
      );
    try {
      expect((await http(`${server.url}/health`)).status).toBe(200);
      proxy.cut();
      const stalled = await waitForHealth(503);
      expect(stalled.headers['retry-after']).toMatch(/^\d+$/);
      expect(stalled.body).toEqual({ status: 'unavailable', store: 'ok', scheduler: 'stalled' });
      proxy.restore();
      const back = await waitForHealth(200);
      expect(back.body).toEqual({ status: 'ok', store: 'ok', scheduler: 'running' });
    } finally {
      proxy.restore();
      await server.close();
      await fulfiller.stop();
      await store.close();
      await proxy.close();
    }
  }, 60_000);
});
