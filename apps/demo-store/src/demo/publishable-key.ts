import pg from 'pg';
import { PUBLISHABLE_KEY_TITLE } from '../catalog/demo-identity';

/**
 * The storefront's publishable key, read straight from Medusa's `api_key` table; `undefined` means the
 * store has not been seeded yet (the seed creates it last).
 */
export async function findPublishableKey(databaseUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ token: string }>(
      `select token from api_key
        where title = $1 and type = 'publishable' and revoked_at is null and deleted_at is null
        order by created_at limit 1`,
      [PUBLISHABLE_KEY_TITLE],
    );
    return rows[0]?.token;
  } finally {
    await client.end();
  }
}
