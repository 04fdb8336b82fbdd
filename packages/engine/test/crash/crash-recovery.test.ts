import { randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import {
  createTestDatabase,
  dumpPostgresTables,
  expectNothingSecretInText,
  type ForkedWorker,
  type TestDatabase,
} from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { startScaledBambooSandbox } from '../support/bamboo-world';
import { shopProcesses } from '../support/shop-processes';

const WORKER = new URL('./crash-worker.mjs', import.meta.url).pathname;
const KEY = generateEncryptionKey();
let database: TestDatabase;
let sandbox: BambooSandbox;
const shops = shopProcesses(WORKER, () => ({ database, sandbox, key: KEY }));

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox();
});
afterAll(async () => {
  await shops.killAll();
  await sandbox.close();
  await database.drop();
});

function vendorOrdersFor(reference: string) {
  return sandbox.orders.list().filter((order) => order.requestId === reference);
}

/** Kills a shop process at `crashAt`, restarts it, and returns what the vendor ended up with. */
async function crashAndRecover(crashAt: string, whileSending?: (run: ForkedWorker) => Promise<void>) {
  const reference = randomUUID();
  const first = shops.fork({ REFERENCE: reference, CRASH_AT: crashAt });
  if (whileSending) await whileSending(first);
  const died = await first.exit;
  expect(died.signal).toBe('SIGKILL');

  const second = shops.fork({ REFERENCE: reference, CRASH_AT: 'none' });
  const finished = await second.exit;
  expect(finished.code).toBe(0);
  return { reference, result: second.messages.at(-1), vendorOrders: vendorOrdersFor(reference) };
}

describe('a process killed (SIGKILL) around the placement resumes on restart with exactly one vendor order', () => {
  it('killed after the intent was persisted, before anything was placed', async () => {
    const { result, vendorOrders } = await crashAndRecover('after_submit');
    expect(vendorOrders).toHaveLength(1);
    expect(result).toEqual({ state: 'settled', status: 'fulfilled', cards: 2 });
  });

  it('killed after `placing` was written, before the request left', async () => {
    const { result, vendorOrders } = await crashAndRecover('before_send');
    expect(vendorOrders).toHaveLength(1);
    expect(result).toEqual({ state: 'settled', status: 'fulfilled', cards: 2 });
  });

  it('killed while the placement request was on the wire', async () => {
    sandbox.faults.next({ kind: 'latency', ms: 300 }, { route: 'placeOrder' });
    const { result, vendorOrders } = await crashAndRecover('during_send', async (run) => {
      await run.message((m) => m === 'sending');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await run.kill();
    });
    expect(vendorOrders).toHaveLength(1);
    expect(result).toEqual({ state: 'settled', status: 'fulfilled', cards: 2 });
  });

  it('killed after the vendor took the order, before the answer was persisted', async () => {
    const { result, vendorOrders } = await crashAndRecover('after_send');
    expect(vendorOrders).toHaveLength(1);
    expect(result).toEqual({ state: 'settled', status: 'fulfilled', cards: 2 });
  });

  it('left no voucher code or PIN in any table', async () => {
    const dump = await dumpPostgresTables(database.connectionString);
    expect(dump).toContain('giftwire');
    const { codes, pins } = sandbox.issuedSecrets();
    expect(codes.length + pins.length).toBeGreaterThanOrEqual(16);
    expectNothingSecretInText(dump, sandbox, { where: 'stored' });
  });
});
