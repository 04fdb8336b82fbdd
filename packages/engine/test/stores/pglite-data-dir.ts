import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { pgliteDriver } from '../../src/store/embedded-order-store';
import { createSqlOrderStore } from '../../src/store/sql-order-store';

const templates = new Map<string, Promise<string>>();
const made: string[] = [];

/**
 * A PGlite data directory as `initdb` leaves it, plus the store's tables in each of `migratedSchemas`, written
 * by an instance that has since closed — the state a restarted process finds. initdb takes seconds in
 * WebAssembly, so each template is made once per test file and every call gets its own copy.
 */
export async function freshPgliteDataDir(
  options: { migratedSchemas?: readonly string[] } = {},
): Promise<string> {
  const schemas = options.migratedSchemas ?? [];
  const key = JSON.stringify(schemas);
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const dir = await tempDir('template');
      const db = new PGlite({ fs: new NodeFS(dir) });
      for (const schema of schemas) await createSqlOrderStore(pgliteDriver(db), { schema }).init();
      await db.close();
      return dir;
    })();
    templates.set(key, template);
  }
  const dir = await tempDir('copy');
  await cp(await template, dir, { recursive: true });
  return dir;
}

/** Removes every directory made by this module. */
export async function removePgliteDataDirs(): Promise<void> {
  templates.clear();
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

async function tempDir(kind: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `giftwire-pglite-${kind}-`));
  made.push(dir);
  return dir;
}
