import type { SqlDriver } from './sql-driver';
import type { StoreTables } from './store-tables';

/**
 * One schema change. Applied migrations are never edited: a change to the schema is a new entry with the next
 * id, because databases in the field have already run the old ones.
 */
export interface Migration {
  id: number;
  name: string;
  /** Statements run in order, in the same transaction that records the migration. */
  statements(tables: StoreTables): string[];
}

/**
 * Serializes `init()` across processes sharing a database: CREATE TABLE IF NOT EXISTS alone races on the
 * catalog, and two processes must not both apply a migration. An arbitrary constant ("giftwire" in ASCII).
 */
export const MIGRATION_LOCK_KEY = '7451599708866835045';

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'orders_attempts_webhooks',
    statements: (t) => [
      `CREATE TABLE ${t.orders} (
        reference text COLLATE "C" PRIMARY KEY,
        vendor text NOT NULL,
        state text NOT NULL,
        status text NOT NULL,
        request jsonb NOT NULL,
        request_hash text NOT NULL,
        shop_order_id text,
        customer_id text,
        vendor_order_id text,
        sealed_order jsonb,
        attention jsonb,
        place_attempts integer NOT NULL,
        poll_count integer NOT NULL,
        next_action_at bigint,
        deadline_at bigint,
        cancel_requested boolean,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`,
      // The state list is frozen here on purpose; `due` repeats it literally so the planner can use the index.
      `CREATE INDEX orders_due ON ${t.orders} (next_action_at, reference)
        WHERE state IN ('accepted', 'placing', 'placed') AND next_action_at IS NOT NULL`,
      `CREATE INDEX orders_created ON ${t.orders} (created_at, reference)`,
      `CREATE INDEX orders_vendor_created ON ${t.orders} (vendor, created_at, reference)`,
      `CREATE INDEX orders_status_created ON ${t.orders} (status, created_at, reference)`,
      `CREATE INDEX orders_state_created ON ${t.orders} (state, created_at, reference)`,
      `CREATE INDEX orders_customer_created ON ${t.orders} (customer_id, created_at, reference)
        WHERE customer_id IS NOT NULL`,
      `CREATE TABLE ${t.attempts} (
        id bigserial PRIMARY KEY,
        reference text COLLATE "C" NOT NULL REFERENCES ${t.orders} (reference) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        outcome text NOT NULL,
        detail jsonb
      )`,
      `CREATE INDEX attempts_reference ON ${t.attempts} (reference, id)`,
      `CREATE TABLE ${t.webhooks} (
        vendor text NOT NULL,
        id text NOT NULL,
        reference text,
        known boolean NOT NULL,
        received_at timestamptz NOT NULL,
        event jsonb NOT NULL,
        PRIMARY KEY (vendor, id)
      )`,
    ],
  },
  {
    id: 2,
    name: 'settle_samples',
    // How long orders took to settle, per vendor and product (NULL: a multi-line order), so that every process
    // polls at the moments orders actually settle. A capped ring per key: the store trims on insert.
    statements: (t) => [
      `CREATE TABLE ${t.settleSamples} (
        id bigserial PRIMARY KEY,
        vendor text NOT NULL,
        product_id text COLLATE "C",
        open_ms integer NOT NULL,
        settled_ms integer NOT NULL,
        recorded_at timestamptz NOT NULL
      )`,
      `CREATE INDEX settle_samples_product ON ${t.settleSamples} (vendor, product_id, id)`,
      `CREATE INDEX settle_samples_vendor ON ${t.settleSamples} (vendor, id)`,
    ],
  },
];

/**
 * Brings the schema up to date in one transaction under an advisory lock, so any number of processes may call
 * it at once: the first applies what is missing, the others wait and then find nothing to do. Returns the ids
 * it applied. Ids recorded by a newer release are left alone, so an older process can still start during a
 * rolling deploy.
 */
export async function applyMigrations(
  driver: SqlDriver,
  tables: StoreTables,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    // Looked up first because CREATE SCHEMA IF NOT EXISTS demands CREATE on the database even when the schema
    // exists, and a locked-down role may be given a schema made for it by an administrator.
    const schema = await tx.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [tables.schemaName]);
    if (schema.rows.length === 0) await tx.query(`CREATE SCHEMA ${tables.schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ id: number }>(`SELECT id FROM ${tables.migrations}`);
    const done = new Set(rows.map((row) => Number(row.id)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements(tables)) await tx.query(statement);
      await tx.query(`INSERT INTO ${tables.migrations} (id, name) VALUES ($1, $2)`, [
        migration.id,
        migration.name,
      ]);
      applied.push(migration.id);
    }
    return applied;
  });
}
