import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests create their databases on (`GIFTWIRE_TEST_POSTGRES_URL`, see vitest.shared.ts);
 * its own database is only used to run CREATE/DROP DATABASE.
 */
export const TEST_POSTGRES_URL =
  process.env.GIFTWIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  connectionString: string;
  /** Drops the database, disconnecting whatever is still connected to it. Idempotent. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Start of the database's name (default `giftwire_test`), so a leftover says which suite made it. */
  prefix?: string;
}

/**
 * A new, empty database with a unique name on the test server, so tests never see each other's rows or
 * the leftovers of old runs.
 *
 * @example
 * const database = await createTestDatabase();
 * const store = createPostgresOrderStore({ connectionString: database.connectionString });
 * afterAll(() => database.drop());
 */
export async function createTestDatabase({
  prefix = 'giftwire_test',
}: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(8).toString('hex')}`;
  const quoted = pg.escapeIdentifier(name);
  await onTestPostgres(`CREATE DATABASE ${quoted}`, { connectionTimeoutMillis: 2_000 });
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  return {
    name,
    connectionString: url.toString(),
    drop: () => {
      dropping ??= onTestPostgres(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      return dropping;
    },
  };
}

/** Runs one statement on the test server's own database (CREATE/DROP DATABASE, ALTER SYSTEM …). */
export async function onTestPostgres(
  statement: string,
  options: { connectionTimeoutMillis?: number } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, ...options });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
