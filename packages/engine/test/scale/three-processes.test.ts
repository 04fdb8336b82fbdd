import { randomBytes } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { loadTestAccounts, loadTestCatalog } from '@giftwire/bamboo/sandbox';
import {
  createTestDatabase,
  dumpPostgresTables,
  expectNothingSecretInText,
  type TestDatabase,
  waitFor,
} from '@giftwire/test-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import type { OrderStore } from '../../src/store/order-store';
import { startScaledBambooSandbox } from '../support/bamboo-world';
import { shopProcesses } from '../support/shop-processes';
import { startWebProcess } from '../support/start-web-process';
import { submitBulkOrders } from '../support/submit-bulk-orders';

const WORKER = new URL('./multi-worker.mjs', import.meta.url).pathname;
const ORDERS = 300;
const PRODUCTS = 20;
const REDIS_URL = process.env.GIFTWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = generateEncryptionKey();
const prefix = `giftwire-test:${randomBytes(6).toString('hex')}:`;

let database: TestDatabase;
let sandbox: BambooSandbox;
let store: OrderStore;
let submitter: Fulfiller;
const shops = shopProcesses(WORKER, () => ({ database, sandbox, key: KEY }));

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox({
    catalog: loadTestCatalog(PRODUCTS),
    accounts: loadTestAccounts,
  });
  ({ store, submitter } = startWebProcess({ database, sandbox, key: KEY }));
});

afterAll(async () => {
  await shops.killAll();
  await store.close();
  await sandbox.close();
  await database.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function activeCount(): Promise<number> {
  let count = 0;
  for (const state of ['accepted', 'placing', 'placed'] as const) {
    count += (await store.list({ state, limit: 500 })).records.length;
  }
  return count;
}

describe('three processes share the work through PostgreSQL (pg-boss) and the limits through Redis', () => {
  it(`fulfil ${ORDERS} orders: each placed exactly once, no spacing or per-product violation`, async () => {
    const references = await submitBulkOrders(submitter, {
      orders: ORDERS,
      products: PRODUCTS,
      customers: 7,
    });
    const children = await Promise.all(
      ['w1', 'w2', 'w3'].map((name) => shops.start({ WORKER: name, REDIS_URL, REDIS_PREFIX: prefix })),
    );

    let active = ORDERS;
    await waitFor(
      async () => {
        active = await activeCount();
        return active === 0;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 250,
        message: () => `every order to settle (still ${active} active)`,
      },
    );
    const reports = await Promise.all(
      children.map(async (child) => {
        child.send('stop');
        return (await child.message((m) => typeof m === 'object' && m !== null && 'settledHere' in m)) as {
          settledHere: number;
        };
      }),
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
    expect(sandbox.issuedSecrets().codes).toHaveLength(ORDERS);
    expectNothingSecretInText(dump, sandbox, { where: 'stored' });
  }, 180_000);
});
