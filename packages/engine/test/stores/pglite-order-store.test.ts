import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import type { OrderStore } from '../../src/store/order-store';
import { attemptFor, describeOrderStore, orderRecord } from './order-store-suite';
import { freshPgliteDataDir, removePgliteDataDirs } from './pglite-data-dir';

afterAll(removePgliteDataDirs);

let sharedDataDir: Promise<string> | undefined;
let tests = 0;

// Each test opens the file's directory anew and works in a schema of its own: as isolated as a fresh directory,
// without copying one (PGlite's initdb output is ~40 MB) for every test.
describeOrderStore('embedded order store (PGlite in a directory)', async () => {
  sharedDataDir ??= freshPgliteDataDir();
  const dataDir = await sharedDataDir;
  const schema = `giftwire_test_${++tests}`;
  let store: OrderStore = createEmbeddedOrderStore({ dataDir, schema });
  return {
    store,
    async reopen() {
      await store.close();
      store = createEmbeddedOrderStore({ dataDir, schema });
      return store;
    },
    cleanup: () => store.close(),
  };
});

describe('embedded order store', () => {
  it('runs in memory without a dataDir', { timeout: 60_000 }, async () => {
    const store = createEmbeddedOrderStore();
    try {
      await store.init();
      const record = orderRecord();
      await store.create(record, attemptFor(record));
      expect(await store.get(record.reference)).toStrictEqual(record);
    } finally {
      await store.close();
    }
  });

  it('creates missing parent directories of dataDir', async () => {
    const dataDir = `${await freshPgliteDataDir()}/nested/deeper`;
    const store = createEmbeddedOrderStore({ dataDir });
    try {
      await store.init();
      expect(await store.list()).toStrictEqual({ records: [] });
    } finally {
      await store.close();
    }
  }, 60_000);
});
