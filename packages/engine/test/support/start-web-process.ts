import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { createFulfiller, type Fulfiller } from '../../src/create-fulfiller';
import { createPostgresOrderStore } from '../../src/postgres/postgres-order-store';
import { createPgBossScheduler, type PgBossSchedulerOptions } from '../../src/scheduler/pg-boss-scheduler';
import type { OrderStore } from '../../src/store/order-store';
import { scaledBamboo } from './bamboo-world';

/**
 * The shop's web process of the multi-process tests: it submits and schedules over PostgreSQL and pg-boss,
 * but does no fulfillment work itself until started (the forked shop processes do).
 */
export function startWebProcess({
  database,
  sandbox,
  key,
  scheduler = {},
}: {
  database: { connectionString: string };
  sandbox: BambooSandbox;
  key: string;
  scheduler?: PgBossSchedulerOptions;
}): { store: OrderStore; submitter: Fulfiller } {
  const store = createPostgresOrderStore({ connectionString: database.connectionString });
  const submitter = createFulfiller({
    vendors: [scaledBamboo(sandbox)],
    store,
    scheduler: createPgBossScheduler({ connectionString: database.connectionString }, scheduler),
    encryption: { keys: { k1: key }, activeKeyId: 'k1' },
  });
  return { store, submitter };
}
