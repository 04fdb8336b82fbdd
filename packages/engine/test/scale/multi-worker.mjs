// One of several shop processes sharing PostgreSQL (orders + pg-boss jobs) and Redis (Bamboo's limits).
// Env: DATABASE_URL, REDIS_URL, REDIS_PREFIX, SANDBOX_URL, KEY, TIME_SCALE, WORKER.
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { scaleLimits } from '@giftwire/core';
import { createFulfiller } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createRedisRateLimitStore } from '@giftwire/engine/redis';

const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, SANDBOX_URL, KEY, TIME_SCALE, WORKER } = process.env;

const rateLimitStore = createRedisRateLimitStore({ url: REDIS_URL }, { prefix: REDIS_PREFIX });
const limits = scaleLimits(BAMBOO_LIMITS, Number(TIME_SCALE));
const bamboo = createBamboo({
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
  accountId: 555,
  baseUrl: SANDBOX_URL,
  limits: { ...limits, poll: { initialDelayMs: 80, intervalsMs: [80, 160], jitter: 0.2 } },
  rateLimitStore,
  env: {},
});

const store = createPostgresOrderStore({ connectionString: DATABASE_URL });
const scheduler = createPgBossScheduler(
  { connectionString: DATABASE_URL },
  { concurrency: 16, pollingIntervalSeconds: 0.5 },
);
const fulfiller = createFulfiller({
  vendors: [bamboo],
  store,
  scheduler,
  encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  tuning: { sweepIntervalMs: 2_000 },
});

let handled = 0;
fulfiller.on('order.settled', () => {
  handled++;
});
await fulfiller.start();
process.send?.({ worker: WORKER, ready: true });

// Work until the parent says every order has settled.
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await fulfiller.stop();
  await store.close();
  await rateLimitStore.close();
  process.send?.({ worker: WORKER, settledHere: handled });
  process.exit(0);
});
