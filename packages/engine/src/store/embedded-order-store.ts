import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { cacheRecordsOfSoleWriter } from './cache-records-of-sole-writer';
import { compileWasmOnBaselineTier } from './compile-wasm-on-baseline-tier';
import { findDataDirTemplate, prepareEmbeddedDataDir } from './embedded-data-dir';
import { embeddedStartParams } from './embedded-memory-settings';
import type { OrderStore } from './order-store';
import { pgliteDriver } from './pglite-driver';
import { createSqlOrderStore } from './sql-order-store';

// Kept importable from here, where it lived before it had a file of its own.
export { pgliteDriver };

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
