import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createEmbeddedOrderStore, type OrderStore } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
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
  postJson,
  startScaledBambooSandbox,
  testFulfiller,
} from './support/world';

// This package has no `pg` of its own (the engine brings it): borrow the engine's to create the database.
interface PgClient {
  connect(): Promise<void>;
  query(statement: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(createRequire(import.meta.url).resolve('@giftwire/engine'))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};
const ADMIN_URL = process.env.GIFTWIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATABASE = `giftwire_express_${randomBytes(6).toString('hex')}`;
const PROBLEM = 'application/problem+json; charset=utf-8';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A TCP proxy in front of PostgreSQL: `cut()` takes the database away without stopping the shared server. */
async function startProxy() {
  const target = new URL(ADMIN_URL);
  const sockets = new Set<Socket>();
  let refusing = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (refusing) return client.destroy();
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(ADMIN_URL);
  url.host = `127.0.0.1:${port}`;
  url.pathname = `/${DATABASE}`;
  return {
    connectionString: url.toString(),
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      this.cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
const direct = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

let sandbox: BambooSandbox;

beforeAll(async () => {
  await admin(`CREATE DATABASE ${DATABASE}`);
  sandbox = await startScaledBambooSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

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
    const store = createPostgresOrderStore({ connectionString: direct });
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
    const waitForHealth = async (status: number) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await http(`${server.url}/health`);
        if (res.status === status) return res;
        if (Date.now() > deadline) throw new Error(`health stayed ${res.status} ${res.text}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
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
