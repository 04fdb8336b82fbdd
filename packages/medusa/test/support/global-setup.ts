import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * One suffix per `vitest run`, shared with its workers through the environment (they start after this module
 * ran in the main process). Other checkouts of this repository run the same suites against the same
 * PostgreSQL at the same time; fixed names would let one run drop another's databases mid-test.
 */
process.env.GIFTWIRE_MEDUSA_TEST_RUN ??= randomBytes(4).toString('hex');
const RUN = process.env.GIFTWIRE_MEDUSA_TEST_RUN;

/** The provider suites' database (moduleIntegrationTestRunner expects it to exist already). */
export const PROVIDER_DB = `giftwire-medusa-provider-test-${RUN}`;

/** The engine's database for the app-level test (the app's own database is created by medusaIntegrationTestRunner). */
export const APP_ENGINE_DB = `giftwire-medusa-app-engine-test-${RUN}`;

/** The app-level test's own database: created, snapshotted and dropped by medusaIntegrationTestRunner. */
export const APP_DB = `giftwire-medusa-app-test-${RUN}`;

/** The restart test's database: Medusa's tables and the engine's schema, shared by both processes. */
export const RESTART_DB = `giftwire-medusa-restart-test-${RUN}`;

/** Databases the suites use and this setup creates and drops. */
export const TEST_DATABASES = [PROVIDER_DB, APP_ENGINE_DB, RESTART_DB];

function admin(): pg.Client {
  return new pg.Client({
    host: process.env.DB_HOST ?? 'localhost',
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? 'postgres',
    password: process.env.DB_PASSWORD ?? '',
    database: 'postgres',
  });
}

async function each(sql: (name: string) => string): Promise<void> {
  const client = admin();
  await client.connect();
  try {
    for (const name of TEST_DATABASES) await client.query(sql(name));
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<() => Promise<void>> {
  await each((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await each((name) => `CREATE DATABASE "${name}"`);
  return () => each((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
