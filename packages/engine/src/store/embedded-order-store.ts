import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import type { OrderStore } from './order-store';
import type { SqlDriver } from './sql-driver';
import { createSqlOrderStore } from './sql-order-store';
import { translateStoreError } from './translate-store-error';

export interface EmbeddedOrderStoreOptions {
  /**
   * Directory holding the database; created if missing. Omitted, the database lives in memory and is gone when
   * the process ends — fine for trying things out, wrong for real orders.
   */
  dataDir?: string;
  /** Schema holding the tables, default `giftwire`. */
  schema?: string;
}

/**
 * The default order store: PostgreSQL compiled to WebAssembly (PGlite), running inside this process, so one
 * instance needs no database server. Not for several processes: a data directory must be opened by one
 * process at a time; many instances share PostgreSQL instead (`@giftwire/engine/postgres`).
 *
 * @example
 * const fulfiller = createFulfiller({
 *   vendors: [createBamboo()],
 *   store: createEmbeddedOrderStore({ dataDir: './.giftwire' }),
 *   encryption: { keys: { k1: process.env.GIFTWIRE_KEY! }, activeKeyId: 'k1' },
 * });
 */
export function createEmbeddedOrderStore(options: EmbeddedOrderStoreOptions = {}): OrderStore {
  let db: PGlite;
  if (options.dataDir === undefined) {
    db = new PGlite();
  } else {
    const dataDir = resolve(options.dataDir);
    // NodeFS creates only the last path segment itself.
    mkdirSync(dataDir, { recursive: true });
    db = new PGlite({ fs: new NodeFS(dataDir) });
  }
  return createSqlOrderStore(pgliteDriver(db), { schema: options.schema });
}

/**
 * PGlite is a single connection: its `transaction()` holds the connection for the callback, which queues every
 * other query and transaction behind it. That serialization is what makes transactions safe here.
 */
export function pgliteDriver(db: PGlite): SqlDriver {
  // A closed PGlite is the embedded store's "database unreachable": told by its state, not its message.
  const translate = (error: unknown): never => translateStoreError(error, db.closed);
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return db.query<Row>(text, [...params]).catch(translate);
    },
    transaction(fn) {
      return db
        .transaction((tx) =>
          fn({
            query: <Row>(text: string, params: readonly unknown[] = []) => tx.query<Row>(text, [...params]),
          }),
        )
        .catch(translate);
    },
    close() {
      return db.close();
    },
  };
}
