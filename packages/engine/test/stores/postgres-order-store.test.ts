import { createTestDatabase } from '@giftwire/test-kit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresOrderStore } from '../../src/postgres/index';
import { applyMigrations, MIGRATIONS } from '../../src/store/migrations';
import type { OrderStore } from '../../src/store/order-store';
import type { SqlDriver } from '../../src/store/sql-driver';
import { storeTables } from '../../src/store/store-tables';
import { attemptFor, describeOrderStore, orderRecord } from './order-store-suite';

describeOrderStore('PostgreSQL order store', async () => {
  const database = await createTestDatabase();
  const { connectionString } = database;
  const open: OrderStore[] = [];
  const openStore = () => {
    const store = createPostgresOrderStore({ connectionString });
    open.push(store);
    return store;
  };
  let store = openStore();
  return {
    store,
    async reopen() {
      await store.close();
      store = openStore();
      return store;
    },
    async openSibling() {
      return openStore();
    },
    async cleanup() {
      await Promise.all(open.map((s) => s.close()));
      await database.drop();
    },
  };
});

describe('PostgreSQL order store', () => {
  it('records applied migrations and creates the tables in its schema', async () => {
    const database = await createTestDatabase();
    const store = createPostgresOrderStore({
      connectionString: database.connectionString,
      schema: 'shop_giftwire',
    });
    const client = new pg.Client({ connectionString: database.connectionString });
    try {
      await store.init();
      await store.init();
      await client.connect();
      const migrations = await client.query('SELECT id, name FROM shop_giftwire.migrations ORDER BY id');
      expect(migrations.rows).toEqual([
        { id: 1, name: 'orders_attempts_webhooks' },
        { id: 2, name: 'settle_samples' },
      ]);
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop_giftwire' ORDER BY 1`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'attempts',
        'migrations',
        'orders',
        'settle_samples',
        'webhooks',
      ]);
    } finally {
      await client.end();
      await store.close();
      await database.drop();
    }
  });

  it('migrates a database made by the first schema, keeping its orders', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.connectionString });
    const driver: SqlDriver = {
      query: async (text, params = []) => pool.query(text, [...params]) as never,
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn({
            query: async (text, params = []) => client.query(text, [...params]) as never,
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      close: async () => {},
    };
    try {
      // The release before settle samples: only migration 1, with an order in flight.
      expect(await applyMigrations(driver, storeTables(), MIGRATIONS.slice(0, 1))).toEqual([1]);
      const old = createPostgresOrderStore({ pool });
      const record = orderRecord();
      await old.create(record, attemptFor(record));

      const store = createPostgresOrderStore({ pool });
      await store.init();
      expect(await store.get(record.reference)).toStrictEqual(record);
      const sample = { vendor: 'bamboo', openMs: 0, settledMs: 1_500, recordedAt: new Date(0).toISOString() };
      await store.recordSettleSample(sample);
      expect(await store.settleSamples({ vendor: 'bamboo' })).toStrictEqual([sample]);
      expect(await applyMigrations(driver, storeTables())).toEqual([]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });

  it('uses the partial index for due', async () => {
    const database = await createTestDatabase();
    const store = createPostgresOrderStore({ connectionString: database.connectionString });
    const client = new pg.Client({ connectionString: database.connectionString });
    try {
      await store.init();
      await client.connect();
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(
        `EXPLAIN SELECT reference FROM giftwire.orders
          WHERE state IN ('accepted', 'placing', 'placed') AND next_action_at IS NOT NULL AND next_action_at <= 5
          ORDER BY next_action_at, reference LIMIT 10`,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('orders_due');
    } finally {
      await client.end();
      await store.close();
      await database.drop();
    }
  });

  it('leaves a pool it was given open on close', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.connectionString });
    try {
      const store = createPostgresOrderStore({ pool });
      await store.init();
      const record = orderRecord();
      await store.create(record, attemptFor(record));
      await store.close();
      expect((await pool.query('SELECT count(*)::int AS n FROM giftwire.orders')).rows[0]).toEqual({ n: 1 });
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
