import { randomUUID } from 'node:crypto';
import { BAMBOO_LIMITS } from '@giftwire/bamboo';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { scaleLimits } from '@giftwire/core';
import { createRateLimiter } from '@giftwire/http';
import { createTestDatabase, type TestDatabase, TIME_SCALE } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { createRedisRateLimitStore, type RedisRateLimitStore } from '../../src/redis';
import { startScaledBambooSandbox } from '../support/bamboo-world';
import { shopProcesses } from '../support/shop-processes';

/*
 * An order that waits for a rate-limit permit and is killed (SIGKILL) while waiting, again and again, never
 * reached the vendor: it must still be placed once the limit lets it out, not be given up as "attempted too
 * often". The shop's processes share Bamboo's limits through Redis; this test holds the Place Order limit
 * itself, as another busy instance of the shop would.
 */
const WORKER = new URL('./crash-worker.mjs', import.meta.url).pathname;
const REDIS_URL = process.env.GIFTWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `giftwire-test:${randomUUID()}:`;
const KEY = generateEncryptionKey();
const RESTARTS = 5;
let database: TestDatabase;
let sandbox: BambooSandbox;
let rateLimitStore: RedisRateLimitStore;
const shops = shopProcesses(WORKER, () => ({ database, sandbox, key: KEY }));

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = await startScaledBambooSandbox();
  rateLimitStore = createRedisRateLimitStore({ url: REDIS_URL }, { prefix: PREFIX });
});
afterAll(async () => {
  await shops.killAll();
  await rateLimitStore.close();
  await sandbox.close();
  await database.drop();
});

function runWorker(reference: string, crashAt: string) {
  return shops.fork({
    REFERENCE: reference,
    CRASH_AT: crashAt,
    REDIS_URL,
    RATE_LIMIT_PREFIX: PREFIX,
    // Few attempts, so that burning one per restart would show within a few restarts.
    MAX_PLACE_ATTEMPTS: '2',
  });
}

describe('restarts while waiting for a rate-limit permit', () => {
  it('do not count as attempts: the order that never reached the vendor is placed once the limit allows', async () => {
    // Another instance holds the Place Order slot (spacing is vendor-wide): every placement here must wait.
    const limiter = createRateLimiter({
      vendor: 'bamboo',
      rules: scaleLimits(BAMBOO_LIMITS, TIME_SCALE).rateLimits,
      store: rateLimitStore,
      holdMs: 120_000,
    });
    const held = await limiter.acquire('placeOrder', { products: ['439685'] });

    const reference = randomUUID();
    for (let restart = 0; restart < RESTARTS; restart++) {
      const run = runWorker(reference, 'waiting_for_permit');
      const message = await run.message();
      if (message !== 'sending') {
        // The worker gave up on the order (needs_attention) or sent it: the loop is over.
        await run.exit;
        break;
      }
      // It is now waiting for the permit the other instance holds; kill it there.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await run.kill()).signal).toBe('SIGKILL');
      expect(run.messages).not.toContain('sent');
    }
    expect(sandbox.placeOrderCalls).toBe(0);

    await held.release();
    const last = runWorker(reference, 'none');
    expect((await last.exit).code).toBe(0);
    expect(last.messages.at(-1)).toEqual({ state: 'settled', status: 'fulfilled', cards: 2 });
    expect(sandbox.orders.list().filter((order) => order.requestId === reference)).toHaveLength(1);
  });
});
