import { createTestDatabase, dumpPostgresTables } from '@giftwire/test-kit';
import { expect, it } from 'vitest';
import { createPostgresOrderStore } from '../../src/postgres/index';
import { attemptFor, orderRecord } from './order-store-suite';

it('dumps every row of every giftwire table as text', async () => {
  const database = await createTestDatabase();
  const store = createPostgresOrderStore({ connectionString: database.connectionString });
  try {
    await store.init();
    const record = orderRecord({
      sealedOrder: { lines: [{ vouchers: [{ code: { kid: 'k1', data: 'c2VhbGVk' } }] }] },
    });
    await store.create(record, attemptFor(record, 'accepted', { detail: { note: 'attempt-detail-marker' } }));
    await store.recordWebhook({
      vendor: 'bamboo',
      id: 'evt-dump',
      known: false,
      receivedAt: record.createdAt,
      event: {
        vendor: 'bamboo',
        id: 'evt-dump',
        type: 'Succeeded',
        verifiedBy: 'signature',
        receivedAt: record.createdAt,
      },
    });

    const dump = await dumpPostgresTables(database.connectionString);
    for (const heading of ['attempts (1 row)', 'migrations (2 rows)', 'orders (1 row)', 'webhooks (1 row)']) {
      expect(dump).toContain(`-- giftwire.${heading}`);
    }
    for (const text of [record.reference, 'c2VhbGVk', 'attempt-detail-marker', 'evt-dump'])
      expect(dump).toContain(text);
    expect(dump).not.toContain('a-code-that-was-never-stored');
    expect(await dumpPostgresTables(database.connectionString, { schemas: ['nothing_here'] })).toBe('');
  } finally {
    await store.close();
    await database.drop();
  }
});
