// One of several shop processes sharing PostgreSQL (orders + pg-boss jobs) and Redis (Bamboo's limits).
// Env: DATABASE_URL, REDIS_URL, REDIS_PREFIX, SANDBOX_URL, KEY, TIME_SCALE, WORKER.
import { createFulfiller } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createRedisRateLimitStore } from '@giftwire/engine/redis';
import { sandboxBamboo, serveUntilStopped } from '../support/shop-process.mjs';

const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, KEY } = process.env;

const rateLimitStore = createRedisRateLimitStore({ url: REDIS_URL }, { prefix: REDIS_PREFIX });
const store = createPostgresOrderStore({ connectionString: DATABASE_URL });
const scheduler = createPgBossScheduler(
  { connectionString: DATABASE_URL },
  { concurrency: 16, pollingIntervalSeconds: 0.5 },
);
const fulfiller = createFulfiller({
  vendors: [
    sandboxBamboo({ poll: { initialDelayMs: 80, intervalsMs: [80, 160], jitter: 0.2 }, rateLimitStore }),
  ],
  store,
  scheduler,
  encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  tuning: { sweepIntervalMs: 2_000 },
});

let handled = 0;
fulfiller.on('order.settled', () => {
  handled++;
});
// Works until the parent says every order has settled.
await serveUntilStopped(fulfiller, {
  close: async () => {
    await store.close();
    await rateLimitStore.close();
  },
  report: () => ({ settledHere: handled }),
});
