import { setTimeout as sleep } from 'node:timers/promises';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { loadTestAccounts, loadTestCatalog } from '@giftwire/bamboo/sandbox';
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  throughProxy,
  waitFor,
} from '@giftwire/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfiller, type Fulfiller } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { createPostgresOrderStore } from '../../src/postgres/postgres-order-store';
import { createPgBossScheduler } from '../../src/scheduler/pg-boss-scheduler';
import type { OrderStore } from '../../src/store/order-store';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { countUnsettled, submitBulkOrders } from '../support/submit-bulk-orders';

const ORDERS = 40;
const PRODUCTS = 20;
const OUTAGE_MS = 10_000;

let database: TestDatabase;
let proxy: TcpProxy;
let sandbox: BambooSandbox;
let store: OrderStore;
let fulfiller: Fulfiller;
let db: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  proxy = await startTcpProxy(database.connectionString);
  const viaProxy = throughProxy(database.connectionString, proxy);
  sandbox = await startScaledBambooSandbox({
    catalog: loadTestCatalog(PRODUCTS),
    accounts: loadTestAccounts,
    // Slow enough that the outage finds orders in every stage.
    scenario: { processingAfterMs: 300, settleAfterMs: 1_500 },
  });
  store = createPostgresOrderStore({ connectionString: viaProxy });
  fulfiller = createFulfiller({
    vendors: [scaledBamboo(sandbox)],
    store,
    scheduler: createPgBossScheduler({ connectionString: viaProxy }, { onError: () => {} }),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    tuning: { placementGraceMs: 400 },
  });
  db = new pg.Client({ connectionString: database.connectionString });
  await db.connect();
});

afterAll(async () => {
  proxy.restore();
  await fulfiller.stop();
  await store.close();
  await db.end();
  await proxy.close();
  await sandbox.close();
  await database.drop();
});

describe('pg-boss: a 10-second PostgreSQL outage', () => {
  it('orders carry on within seconds of the database coming back', async () => {
    await fulfiller.start();
    await submitBulkOrders(fulfiller, { orders: ORDERS, products: PRODUCTS, customers: 5 });
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM pgboss.job WHERE state = 'active'",
        );
        return Number(rows[0]!.n) > 0;
      },
      { timeoutMs: 10_000, intervalMs: 50, message: 'work under way' },
    );
    const before = await countUnsettled(db);
    expect(before).toBeGreaterThan(0);

    proxy.cut();
    await sleep(OUTAGE_MS);
    proxy.restore();
    const backAt = Date.now();

    await waitFor(async () => (await countUnsettled(db)) === 0, {
      timeoutMs: 45_000,
      intervalMs: 50,
      message: 'every order to settle after the outage',
    });
    console.log(
      `outage recovery: ${before} orders unsettled at the cut; all settled ` +
        `${((Date.now() - backAt) / 1000).toFixed(1)} s after the database came back`,
    );
    expect(sandbox.orders.list()).toHaveLength(ORDERS);
  }, 120_000);
});
