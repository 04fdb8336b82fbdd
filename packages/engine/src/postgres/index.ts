export {
  createPgBossScheduler,
  type PgBossConnection,
  type PgBossSchedulerOptions,
} from '../scheduler/pg-boss-scheduler';
export { createPostgresOrderStore, type PostgresOrderStoreOptions } from './postgres-order-store';
