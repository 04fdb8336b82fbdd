import { afterAll } from 'vitest';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import type { OrderStore } from '../../src/store/order-store';
import { describeOrderStore } from './order-store-suite';
import { freshPgliteDataDir, removePgliteDataDirs } from './pglite-data-dir';

afterAll(removePgliteDataDirs);

/** One schema per test, migrated up front by an instance that then closed. */
const SCHEMAS = Array.from({ length: 56 }, (_, i) => `giftwire_test_${i + 1}`);
let sharedDataDir: Promise<string> | undefined;
let tests = 0;

// Every test opens a directory whose tables an earlier, closed instance created, i.e. it runs as a restarted
// process would; the suite's restart test additionally closes and reopens the directory in the middle.
describeOrderStore('embedded order store (PGlite reopened from its directory)', async () => {
  sharedDataDir ??= freshPgliteDataDir({ migratedSchemas: SCHEMAS });
  const dataDir = await sharedDataDir;
  const schema = SCHEMAS[tests++];
  if (!schema) throw new Error('more tests than premigrated schemas: lengthen SCHEMAS');
  let store: OrderStore = createEmbeddedOrderStore({ dataDir, schema });
  return {
    store,
    migrated: true,
    async reopen() {
      await store.close();
      store = createEmbeddedOrderStore({ dataDir, schema });
      return store;
    },
    cleanup: () => store.close(),
  };
});
