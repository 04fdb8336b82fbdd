import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfiller, type Fulfiller } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { createPostgresOrderStore } from '../../src/postgres/postgres-order-store';
import { createPgBossScheduler } from '../../src/scheduler/pg-boss-scheduler';
import type { OrderStore } from '../../src/store/order-store';
import { createTestDatabase, type TestDatabase } from '../stores/postgres-test-database';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { bulkAccounts, bulkCatalog, bulkProductId } from '../support/bulk-catalog';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy';

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
  const direct = new URL(database.connectionString);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = throughProxy(database.connectionString, proxy);
  sandbox = await startScaledBambooSandbox({
    catalog: bulkCatalog(PRODUCTS),
    accounts: bulkAccounts,
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

async function unsettled(): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM giftwire.orders WHERE state <> 'settled'",
  );
  return Number(rows[0]!.n);
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('pg-boss: a 10-second PostgreSQL outage', () => {
  it('orders carry on within seconds of the database coming back', async () => {
    await fulfiller.start();
    for (let i = 0; i < ORDERS; i++) {
      await fulfiller.submit({
        vendor: 'bamboo',
        request: {
          reference: randomUUID(),
          lines: [
            {
              productId: bulkProductId(i, PRODUCTS),
              quantity: 1,
              faceValue: { amount: '10', currency: 'USD' },
            },
          ],
        },
        customerId: `c${i % 5}`,
      });
    }
    await waitFor(
      'work under way',
      async () => {
        const { rows } = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM pgboss.job WHERE state = 'active'",
        );
        return Number(rows[0]!.n) > 0;
      },
      10_000,
    );
    const before = await unsettled();
    expect(before).toBeGreaterThan(0);

    proxy.cut();
    await sleep(OUTAGE_MS);
    proxy.restore();
    const backAt = Date.now();

    await waitFor('every order settles after the outage', async () => (await unsettled()) === 0, 45_000);
    console.log(
      `outage recovery: ${before} orders unsettled at the cut; all settled ` +
        `${((Date.now() - backAt) / 1000).toFixed(1)} s after the database came back`,
    );
    expect(sandbox.orders.list()).toHaveLength(ORDERS);
  }, 120_000);
});
