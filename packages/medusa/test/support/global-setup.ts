import pg from 'pg';

/** Databases the suites use. moduleIntegrationTestRunner expects its database to exist already. */
/** The engine's database for the app-level test (the app's own database is created by medusaIntegrationTestRunner). */
export const APP_ENGINE_DB = 'giftwire-medusa-app-engine-test';

/** The restart test's database: Medusa's tables and the engine's schema, shared by both processes. */
export const RESTART_DB = 'giftwire-medusa-restart-test';

export const TEST_DATABASES = ['giftwire-medusa-provider-test', APP_ENGINE_DB, RESTART_DB];

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
