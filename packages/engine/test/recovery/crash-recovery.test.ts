import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { loadTestAccounts, loadTestCatalog } from '@giftwire/bamboo/sandbox';
import { createTestDatabase, type TestDatabase, waitFor } from '@giftwire/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import type { OrderStore } from '../../src/store/order-store';
import { startScaledBambooSandbox } from '../support/bamboo-world';
import { shopProcesses } from '../support/shop-processes';
import { startWebProcess } from '../support/start-web-process';
import { countUnsettled, submitBulkOrders } from '../support/submit-bulk-orders';

const WORKER = new URL('./recovery-worker.mjs', import.meta.url).pathname;
const ORDERS = 60;
const PRODUCTS = 20;
const KEY = generateEncryptionKey();

let database: TestDatabase;
let sandbox: BambooSandbox;
let store: OrderStore;
let submitter: Fulfiller;
let db: pg.Client;
const shops = shopProcesses(WORKER, () => ({ database, sandbox, key: KEY }));

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox({
    catalog: loadTestCatalog(PRODUCTS),
    accounts: loadTestAccounts,
  });
  ({ store, submitter } = startWebProcess({ database, sandbox, key: KEY, scheduler: { onError: () => {} } }));
  db = new pg.Client({ connectionString: database.connectionString });
  await db.connect();
});

afterAll(async () => {
  await shops.killAll();
  await db.end();
  await submitter.stop();
  await store.close();
  await sandbox.close();
  await database.drop();
});

async function activeJobs(): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    "SELECT singleton_key AS key FROM pgboss.job WHERE state = 'active'",
  );
  return rows.map((row) => row.key);
}

describe('pg-boss: one SIGKILLed process does not stall the others', () => {
  it('another process advances every order, those the dead one held included, within seconds', async () => {
    const references = await submitBulkOrders(submitter, {
      orders: ORDERS,
      products: PRODUCTS,
      customers: 5,
    });
    const doomed = await shops.start({ WORKER: 'doomed' });
    await waitFor(async () => (await activeJobs()).length >= 3, {
      timeoutMs: 30_000,
      intervalMs: 50,
      message: 'the first process to hold jobs',
    });
    await doomed.kill();
    const held = await activeJobs();
    expect(held.length).toBeGreaterThan(0);

    const survivor = await shops.start({ WORKER: 'survivor' });
    const restartedAt = Date.now();
    // Orders the dead process did not hold must not wait for it at all.
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM giftwire.orders WHERE state <> 'settled' AND NOT (reference = ANY($1))",
          [held],
        );
        return Number(rows[0]!.n) === 0;
      },
      { timeoutMs: 30_000, intervalMs: 50, message: 'the orders the dead process did not hold to settle' },
    );
    // Its own orders come back once its jobs are known to be lost: seconds, not pg-boss's minutes.
    await waitFor(async () => (await countUnsettled(db)) === 0, {
      timeoutMs: 45_000,
      intervalMs: 50,
      message: 'every order to settle',
    });
    console.log(
      `SIGKILL recovery: ${held.length} jobs held by the dead process; every order settled ` +
        `${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the other process started`,
    );
    survivor.send('stop');
    await survivor.exit;

    const atVendor = sandbox.orders.list();
    expect(new Set(atVendor.map((order) => order.requestId))).toEqual(new Set(references));
    expect(atVendor).toHaveLength(ORDERS);
  }, 120_000);
});
