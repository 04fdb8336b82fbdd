import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfiller, type Fulfiller } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { createPostgresOrderStore } from '../../src/postgres/postgres-order-store';
import { createPgBossScheduler } from '../../src/scheduler/pg-boss-scheduler';
import type { OrderStore } from '../../src/store/order-store';
import { dumpPostgresTables } from '../stores/dump-tables';
import { createTestDatabase, type TestDatabase } from '../stores/postgres-test-database';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { bulkAccounts, bulkCatalog, bulkProductId } from '../support/bulk-catalog';

const WORKER = new URL('./multi-worker.mjs', import.meta.url).pathname;
const ORDERS = 300;
const PRODUCTS = 20;
const TIME_SCALE = '0.05';
const REDIS_URL = process.env.GIFTWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = generateEncryptionKey();
const prefix = `giftwire-test:${randomBytes(6).toString('hex')}:`;

let database: TestDatabase;
let sandbox: BambooSandbox;
let store: OrderStore;
let submitter: Fulfiller;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox({ catalog: bulkCatalog(PRODUCTS), accounts: bulkAccounts });
  store = createPostgresOrderStore({ connectionString: database.connectionString });
  // The shop's web process: it submits and schedules, but does no fulfillment work itself.
  submitter = createFulfiller({
    vendors: [scaledBamboo(sandbox)],
    store,
    scheduler: createPgBossScheduler({ connectionString: database.connectionString }),
    encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  });
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await store.close();
  await sandbox.close();
  await database.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function startWorker(name: string): Promise<ChildProcess> {
  const child = fork(WORKER, [], {
    env: {
      ...process.env,
      DATABASE_URL: database.connectionString,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SANDBOX_URL: sandbox.url,
      KEY,
      TIME_SCALE,
      WORKER: name,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  workers.push(child);
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

async function activeCount(): Promise<number> {
  let count = 0;
  for (const state of ['accepted', 'placing', 'placed'] as const) {
    count += (await store.list({ state, limit: 500 })).records.length;
  }
  return count;
}

describe('three processes share the work through PostgreSQL (pg-boss) and the limits through Redis', () => {
  it(`fulfil ${ORDERS} orders: each placed exactly once, no spacing or per-product violation`, async () => {
    const references = Array.from({ length: ORDERS }, () => randomUUID());
    for (const [i, reference] of references.entries()) {
      await submitter.submit({
        vendor: 'bamboo',
        request: {
          reference,
          lines: [
            {
              productId: bulkProductId(i, PRODUCTS),
              quantity: 1,
              faceValue: { amount: '10', currency: 'USD' },
            },
          ],
        },
        customerId: `c${i % 7}`,
      });
    }
    const children = await Promise.all(['w1', 'w2', 'w3'].map(startWorker));

    const deadline = Date.now() + 120_000;
    while ((await activeCount()) > 0) {
      if (Date.now() > deadline) throw new Error(`still ${await activeCount()} active orders`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const reports = await Promise.all(
      children.map(
        (child) =>
          new Promise<{ settledHere: number }>((resolve) => {
            child.on('message', (m) => {
              if (typeof m === 'object' && m && 'settledHere' in m) resolve(m as { settledHere: number });
            });
            child.send('stop');
          }),
      ),
    );

    // Every order settled, placed exactly once, within Bamboo's limits.
    const atVendor = sandbox.orders.list();
    expect(atVendor).toHaveLength(ORDERS);
    expect(new Set(atVendor.map((o) => o.requestId))).toEqual(new Set(references));
    expect(sandbox.placeOrderCalls).toBe(ORDERS);
    expect(sandbox.violations).toEqual([]);
    for (const reference of references.slice(0, 20)) {
      const order = await submitter.get(reference);
      expect(order).toMatchObject({ state: 'settled', status: 'fulfilled' });
    }
    // The work really was shared.
    expect(reports.filter((r) => r.settledHere > 0).length).toBeGreaterThanOrEqual(2);
    expect(reports.reduce((sum, r) => sum + r.settledHere, 0)).toBe(ORDERS);

    // And nothing secret reached the database, queue tables included.
    const dump = await dumpPostgresTables(database.connectionString);
    const { codes } = sandbox.issuedSecrets();
    expect(codes).toHaveLength(ORDERS);
    for (const code of codes) expect(dump).not.toContain(code);
  }, 180_000);
});
