import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests create their databases on; its own database is only used to run CREATE/DROP DATABASE. */
export const TEST_POSTGRES_URL =
  process.env.GIFTWIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  connectionString: string;
  /** Drops the database, disconnecting whatever is still connected to it. */
  drop(): Promise<void>;
}

/** A new, empty database with a unique name, so tests never see each other's rows or leftovers of old runs. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `giftwire_test_${randomBytes(8).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
