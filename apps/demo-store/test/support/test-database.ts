import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test PostgreSQL (trust auth; `GIFTWIRE_TEST_POSTGRES_URL`, see vitest.shared.ts), its maintenance database. */
const SERVER_URL = (() => {
  const url = new URL(process.env.GIFTWIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.pathname = '/postgres';
  return url.toString();
})();

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, uniquely named database on the server for one test run (never a leftover), or `undefined` when
 * no server answers: the demo then brings its embedded PostgreSQL.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const name = `giftwire_demo_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  try {
    await withClient((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  } catch {
    return undefined;
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      ).then(() => undefined),
  };
}
