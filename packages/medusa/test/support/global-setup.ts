import pg from 'pg';

/**
 * Per test run (vitest.shared.ts sets GIFTWIRE_TEST_RUN_ID once in vitest's main process; workers and the
 * restart test's Medusa processes inherit it), so two runs on one server — a shared machine — never drop or
 * restore each other's databases.
 */
const RUN = process.env.GIFTWIRE_TEST_RUN_ID ?? 'local';

/** The provider suites' database (moduleIntegrationTestRunner expects it to exist already). */
export const PROVIDER_DB = `giftwire-medusa-provider-test-${RUN}`;

/** The engine's database for the app-level test (the app's own database is created by medusaIntegrationTestRunner). */
export const APP_ENGINE_DB = `giftwire-medusa-app-engine-test-${RUN}`;

/** The app-level test's own database: created, snapshotted and dropped by medusaIntegrationTestRunner. */
export const APP_DB = `giftwire-medusa-app-test-${RUN}`;

/** The multi-vendor app test's own database: created, snapshotted and dropped by medusaIntegrationTestRunner. */
export const MULTI_APP_DB = `giftwire-medusa-multi-app-test-${RUN}`;

/** The engine's database for the multi-vendor app test (one engine, every vendor). */
export const MULTI_ENGINE_DB = `giftwire-medusa-multi-engine-test-${RUN}`;

/** The restart test's database: Medusa's tables and the engine's schema, shared by both processes. */
export const RESTART_DB = `giftwire-medusa-restart-test-${RUN}`;

/** Databases the suites use and this setup creates and drops. */
export const TEST_DATABASES = [PROVIDER_DB, APP_ENGINE_DB, MULTI_ENGINE_DB, RESTART_DB];

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
