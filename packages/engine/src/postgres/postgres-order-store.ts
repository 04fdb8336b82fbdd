import pg from 'pg';
import type { OrderStore } from '../store/order-store';
import type { SqlDriver, SqlExecutor, SqlParam } from '../store/sql-driver';
import { createSqlOrderStore } from '../store/sql-order-store';
import { isPgConnectionFailure, translateStoreError } from '../store/translate-store-error';

/** Callers (and the HTTP adapters) tell "database unreachable" from "bad statement" by type. */
const translate = (error: unknown): never =>
  translateStoreError(error, isPgConnectionFailure(error, pg.DatabaseError));

interface StoreSchemaOption {
  /** Schema holding the tables, default `giftwire`. */
  schema?: string;
}

export type PostgresOrderStoreOptions =
  | (StoreSchemaOption & {
      /** e.g. `postgres://user:pass@host:5432/shop`. The store creates a pool, owns it and ends it on `close()`. */
      connectionString: string;
      /** Pool size, default 10 (pg's default). */
      max?: number;
    })
  | (StoreSchemaOption & {
      /** A pool the application owns: the store uses it and leaves it open on `close()`. */
      pool: pg.Pool;
    });

/**
 * The order store on PostgreSQL, for several engine instances sharing one database. `init()` is safe to call
 * from all of them at once.
 *
 * @example
 * import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
 *
 * const connectionString = process.env.DATABASE_URL!;
 * const fulfiller = createFulfiller({
 *   vendors: [createBamboo()],
 *   store: createPostgresOrderStore({ connectionString }),
 *   scheduler: createPgBossScheduler({ connectionString }),
 *   encryption: { keys: { k1: process.env.GIFTWIRE_KEY! }, activeKeyId: 'k1' },
 * });
 */
export function createPostgresOrderStore(options: PostgresOrderStoreOptions): OrderStore {
  if ('pool' in options) return createSqlOrderStore(postgresDriver(options.pool, false), options);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max });
  // An idle client that loses its connection (server restart, network) is dropped by the pool and replaced on
  // the next query; without a listener the 'error' event would crash the process instead.
  pool.on('error', () => {});
  return createSqlOrderStore(postgresDriver(pool, true), options);
}

/** `owned`: whether `close()` ends the pool. */
export function postgresDriver(pool: pg.Pool, owned: boolean): SqlDriver {
  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(text: string, params: readonly SqlParam[] = []) {
      const result = await client.query(text, [...params]).catch(translate);
      return { rows: result.rows as Row[] };
    },
  });
  return {
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect().catch(translate);
      let broken = false;
      try {
        await client.query('BEGIN').catch(translate);
        const result = await fn(executor(client));
        await client.query('COMMIT').catch(translate);
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection is in an unknown state: destroy it rather than hand it to the next caller.
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
