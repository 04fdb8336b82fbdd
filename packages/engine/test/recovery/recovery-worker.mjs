// A shop process for the recovery tests: PostgreSQL store, pg-boss scheduler with its default timings, no
// Redis. Env: DATABASE_URL, SANDBOX_URL, KEY, WORKER.
import { createFulfiller } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
import { sandboxBamboo, serveUntilStopped } from '../support/shop-process.mjs';

const { DATABASE_URL, KEY } = process.env;

const store = createPostgresOrderStore({ connectionString: DATABASE_URL });
const fulfiller = createFulfiller({
  vendors: [sandboxBamboo({ poll: { initialDelayMs: 80, intervalsMs: [80, 160] } })],
  store,
  scheduler: createPgBossScheduler({ connectionString: DATABASE_URL }, { onError: () => {} }),
  encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  // An order killed mid-placement is reconciled after this; short, so only the scheduler's recovery is timed.
  tuning: { placementGraceMs: 400 },
});
await serveUntilStopped(fulfiller, { close: () => store.close() });
