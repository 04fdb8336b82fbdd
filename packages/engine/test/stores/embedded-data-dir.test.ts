import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataDirTemplate, prepareEmbeddedDataDir } from '../../src/store/embedded-data-dir';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import { attemptFor, orderRecord } from './order-store-suite';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'giftwire-embedded-template-test-'));
  made.push(dir);
  return dir;
};

describe('the data directory shipped with the package', () => {
  it('is built with the package (pnpm build)', () => {
    expect(findDataDirTemplate()).toMatch(/embedded-data-dir\.tar\.gz$/);
  });

  it('is unpacked into an empty directory, PG_VERSION included, and left alone afterwards', async () => {
    const dir = await tempDir();
    expect(await prepareEmbeddedDataDir(dir)).toBe('unpacked');
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(await readdir(join(dir, 'base'))).not.toHaveLength(0);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(await prepareEmbeddedDataDir(dir)).toBe('existing');
  });

  it('holds a database the store opens, writes and reopens', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir();
    const record = orderRecord();
    const first = createEmbeddedOrderStore({ dataDir });
    await first.init();
    await first.create(record, attemptFor(record));
    await first.close();
    const again = createEmbeddedOrderStore({ dataDir, cachedOrders: 0 });
    try {
      await again.init();
      expect((await again.get(record.reference))?.reference).toBe(record.reference);
    } finally {
      await again.close();
    }
  });

  it('names a truncated archive instead of leaving a directory that looks complete', async () => {
    const dir = await tempDir();
    const { writeFile, readFile } = await import('node:fs/promises');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const template = findDataDirTemplate();
    if (!template) throw new Error('build the package first');
    const whole = gunzipSync(await readFile(template));
    const broken = join(dir, 'broken.tar.gz');
    await writeFile(broken, gzipSync(whole.subarray(0, Math.floor(whole.length / 2))));
    const target = join(dir, 'data');
    await expect(prepareEmbeddedDataDir(target, broken)).rejects.toThrow(/truncated/);
    expect(existsSync(join(target, 'PG_VERSION'))).toBe(false);
  });
});
