import pg from 'pg';

/**
 * Per test run (vitest.shared.ts sets GIFTWIRE_TEST_RUN_ID once in vitest's main process; workers inherit it), so
 * two runs on one server — a shared machine — never drop or restore each other's databases.
 */
const RUN = process.env.GIFTWIRE_TEST_RUN_ID ?? 'local';

/** The provider suites' database; moduleIntegrationTestRunner expects it to exist already. */
export const PROVIDER_TEST_DB = `giftwire-medusa-provider-test-${RUN}`;
/** The app-level test's own database, created and dropped by medusaIntegrationTestRunner. */
export const APP_TEST_DB = `giftwire-medusa-app-test-${RUN}`;
/** The engine's database for the app-level test. */
export const APP_ENGINE_DB = `giftwire-medusa-app-engine-test-${RUN}`;

/** Databases this global setup creates before and drops after the run. */
export const TEST_DATABASES = [PROVIDER_TEST_DB, APP_ENGINE_DB];

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
