import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { cacheRecordsOfSoleWriter } from './cache-records-of-sole-writer';
import { compileWasmOnBaselineTier } from './compile-wasm-on-baseline-tier';
import { findDataDirTemplate, prepareEmbeddedDataDir } from './embedded-data-dir';
import { embeddedStartParams } from './embedded-memory-settings';
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
  /**
   * How many recently used orders `get` answers from memory, default 1,000 (0: none). Never stale: this
   * process is the directory's only writer, and each write replaces or drops its order's entry.
   */
  cachedOrders?: number;
  /**
   * Which V8 compiler tiers run PGlite's WebAssembly. `'baseline'` (the default) keeps it on Liftoff, V8's
   * baseline compiler: ~60–90 MB less resident and a faster start, for PostgreSQL CPU an order store barely
   * uses (see {@link compileWasmOnBaselineTier}). `'optimizing'` lets V8 tier hot functions up with TurboFan,
   * as it does for any module.
   */
  wasmTier?: 'baseline' | 'optimizing';
}

/**
 * The default order store: PostgreSQL compiled to WebAssembly (PGlite), running inside this process, so one
 * instance needs no database server. Not for several processes: a data directory must be opened by one
 * process at a time; many instances share PostgreSQL instead (`@giftwire/engine/postgres`).
 *
 * Frugal by default: an empty directory receives the data directory prepared when the package was built (no
 * initdb on your machine), and PostgreSQL runs with memory settings sized for one process
 * (`EMBEDDED_MEMORY_SETTINGS`).
 *
 * @example
 * const fulfiller = createFulfiller({
 *   vendors: [createBamboo()],
 *   store: createEmbeddedOrderStore({ dataDir: './.giftwire' }),
 *   encryption: { keys: { k1: process.env.GIFTWIRE_KEY! }, activeKeyId: 'k1' },
 * });
 */
export function createEmbeddedOrderStore(options: EmbeddedOrderStoreOptions = {}): OrderStore {
  const open = () => openEmbeddedPglite(options.dataDir);
  const opened = options.wasmTier === 'optimizing' ? open() : compileWasmOnBaselineTier(open);
  const store = createSqlOrderStore(pgliteDriver(opened), {
    schema: options.schema,
  });
  return cacheRecordsOfSoleWriter(store, { max: options.cachedOrders });
}

/**
 * Opens PGlite on `dataDir` (in memory when undefined) after readying the directory, so that PGlite finds a
 * database and skips initdb. In memory, the same prepared directory is loaded through PGlite's `loadDataDir`.
 */
async function openEmbeddedPglite(dataDir: string | undefined): Promise<PGlite> {
  const startParams = embeddedStartParams();
  if (dataDir === undefined) {
    const template = findDataDirTemplate();
    const loadDataDir = template
      ? new File([readFileSync(template)], 'embedded-data-dir.tar.gz', { type: 'application/x-gzip' })
      : undefined;
    return readyPglite(new PGlite({ startParams, loadDataDir }));
  }
  const directory = resolve(dataDir);
  // NodeFS creates only the last path segment itself.
  mkdirSync(directory, { recursive: true });
  await prepareEmbeddedDataDir(directory);
  return readyPglite(new PGlite({ fs: new NodeFS(directory), startParams }));
}

/** Resolves once PGlite has compiled its module and started PostgreSQL; fails as its start failed. */
async function readyPglite(db: PGlite): Promise<PGlite> {
  try {
    await db.waitReady;
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/**
 * PGlite is a single connection: its `transaction()` holds the connection for the callback, which queues every
 * other query and transaction behind it. That serialization is what makes transactions safe here. Takes the
 * instance or a promise of one (the embedded store readies its directory before PGlite opens it).
 */
export function pgliteDriver(database: PGlite | Promise<PGlite>): SqlDriver {
  const opened = Promise.resolve(database);
  // Whoever queries first sees an opening failure; nobody querying must not make it an unhandled rejection.
  opened.catch(() => undefined);
  let db: PGlite | undefined;
  // A closed PGlite is the embedded store's "database unreachable": told by its state, not its message.
  const translate = (error: unknown): never => translateStoreError(error, db?.closed ?? false);
  const ready = async () => {
    db ??= await opened;
    return db;
  };
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const pg = db ?? (await ready().catch(translate));
      return pg.query<Row>(text, [...params]).catch(translate);
    },
    async transaction(fn) {
      const pg = db ?? (await ready().catch(translate));
      return pg
        .transaction((tx) =>
          fn({
            query: <Row>(text: string, params: readonly unknown[] = []) => tx.query<Row>(text, [...params]),
          }),
        )
        .catch(translate);
    },
    async close() {
      const pg = await opened.catch(() => undefined);
      await pg?.close();
    },
  };
}
