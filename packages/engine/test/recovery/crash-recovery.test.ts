import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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

const WORKER = new URL('./recovery-worker.mjs', import.meta.url).pathname;
const ORDERS = 60;
const PRODUCTS = 20;
const KEY = generateEncryptionKey();

let database: TestDatabase;
let sandbox: BambooSandbox;
let store: OrderStore;
let submitter: Fulfiller;
let db: pg.Client;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox({ catalog: bulkCatalog(PRODUCTS), accounts: bulkAccounts });
  store = createPostgresOrderStore({ connectionString: database.connectionString });
  // The shop's web process: it submits and schedules, but does no fulfillment work itself.
  submitter = createFulfiller({
    vendors: [scaledBamboo(sandbox)],
    store,
    scheduler: createPgBossScheduler({ connectionString: database.connectionString }, { onError: () => {} }),
    encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  });
  db = new pg.Client({ connectionString: database.connectionString });
  await db.connect();
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await db.end();
  await submitter.stop();
  await store.close();
  await sandbox.close();
  await database.drop();
});

function startWorker(name: string): Promise<ChildProcess> {
  const child = fork(WORKER, [], {
    env: {
      ...process.env,
      DATABASE_URL: database.connectionString,
      SANDBOX_URL: sandbox.url,
      KEY,
      WORKER: name,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  workers.push(child);
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

async function unsettled(): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM giftwire.orders WHERE state <> 'settled'",
  );
  return Number(rows[0]!.n);
}

async function activeJobs(): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    "SELECT singleton_key AS key FROM pgboss.job WHERE state = 'active'",
  );
  return rows.map((row) => row.key);
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('pg-boss: one SIGKILLed process does not stall the others', () => {
  it('another process advances every order, those the dead one held included, within seconds', async () => {
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
        customerId: `c${i % 5}`,
      });
    }
    const doomed = await startWorker('doomed');
    await waitFor('the first process holds jobs', async () => (await activeJobs()).length >= 3, 30_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const held = await activeJobs();
    expect(held.length).toBeGreaterThan(0);

    const survivor = await startWorker('survivor');
    const restartedAt = Date.now();
    // Orders the dead process did not hold must not wait for it at all.
    await waitFor(
      'orders the dead process did not hold settle',
      async () => {
        const { rows } = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM giftwire.orders WHERE state <> 'settled' AND NOT (reference = ANY($1))",
          [held],
        );
        return Number(rows[0]!.n) === 0;
      },
      30_000,
    );
    // Its own orders come back once its jobs are known to be lost: seconds, not pg-boss's minutes.
    await waitFor('every order settles', async () => (await unsettled()) === 0, 45_000);
    console.log(
      `SIGKILL recovery: ${held.length} jobs held by the dead process; every order settled ` +
        `${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the other process started`,
    );
    survivor.send('stop');
    await new Promise((resolve) => survivor.once('exit', resolve));

    const atVendor = sandbox.orders.list();
    expect(new Set(atVendor.map((order) => order.requestId))).toEqual(new Set(references));
    expect(atVendor).toHaveLength(ORDERS);
  }, 120_000);
});
