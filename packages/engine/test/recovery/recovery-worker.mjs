// A shop process for the recovery tests: PostgreSQL store, pg-boss scheduler with its default timings, no
// Redis. It uses the built packages, as a shop would. Env: DATABASE_URL, SANDBOX_URL, KEY, WORKER.
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { scaleLimits } from '@giftwire/core';
import { createFulfiller } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';

const { DATABASE_URL, SANDBOX_URL, KEY, WORKER } = process.env;

const bamboo = createBamboo({
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
  accountId: 555,
  baseUrl: SANDBOX_URL,
  limits: { ...scaleLimits(BAMBOO_LIMITS, 0.05), poll: { initialDelayMs: 80, intervalsMs: [80, 160] } },
  env: {},
});
const store = createPostgresOrderStore({ connectionString: DATABASE_URL });
const fulfiller = createFulfiller({
  vendors: [bamboo],
  store,
  scheduler: createPgBossScheduler({ connectionString: DATABASE_URL }, { onError: () => {} }),
  encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  // An order killed mid-placement is reconciled after this; short, so only the scheduler's recovery is timed.
  tuning: { placementGraceMs: 400 },
});
await fulfiller.start();
process.send?.({ worker: WORKER, ready: true });

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await fulfiller.stop();
  await store.close();
  process.exit(0);
});
