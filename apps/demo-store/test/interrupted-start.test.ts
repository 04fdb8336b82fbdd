import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@giftwire/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_DIR } from '../src/demo/start-medusa';

// A newcomer's first boot takes a while; a Ctrl-C during it must stop what has started (Medusa's migration
// included) and exit cleanly, not leave a Medusa process holding the database.

let dataDir: string;
/** Undefined when no PostgreSQL server answers: the demo then brings its embedded one. */
let database: TestDatabase | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'giftwire-demo-interrupt-'));
  database = await createTestDatabase({ prefix: 'giftwire_demo_test' }).catch(() => undefined);
});

afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connectionsTo(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url.replace(`/${name}`, '/postgres') });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

it('stops everything and exits 0 when interrupted during the first boot', async () => {
  expect(database, 'needs the PostgreSQL server of the test machine').toBeDefined();
  const ports = Object.fromEntries(
    ['STOREFRONT', 'MEDUSA', 'EXPRESS', 'BAMBOO', 'STARSHIP', 'BUDGETREE', 'GIFTHUB'].map((name) => [
      `DEMO_${name}_PORT`,
      '0',
    ]),
  );
  // As scripts/demo.mjs starts it: Node with tsx as its loader, no tsx wrapper process in between.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, ...ports, DEMO_DATA_DIR: dataDir, DATABASE_URL: database!.connectionString },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  // Interrupt while Medusa is migrating the fresh database.
  await expect.poll(() => output, { timeout: 180_000, interval: 100 }).toContain('Migrating');
  child.kill('SIGINT');

  expect(await exited).toBe(0);
  expect(output).toContain('Stopped.');
  expect(output).not.toContain('is up');
  // Medusa (and its connection pool) is gone: nothing holds the database any more.
  await expect.poll(() => connectionsTo(database!.connectionString), { timeout: 10_000 }).toBe(0);
}, 240_000); // the boot before 'Migrating' takes minutes on a busy machine
