import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../src/index';

describe('createTestDatabase', () => {
  it('creates an empty database of its own and drops it even while a client is connected', async () => {
    const database = await createTestDatabase({ prefix: 'test_kit' });
    expect(database.name).toMatch(/^test_kit_[0-9a-f]{16}$/);
    const client = new pg.Client({ connectionString: database.connectionString });
    client.on('error', () => {});
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0]?.db).toBe(database.name);
    await database.drop();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => {});
  });
});
