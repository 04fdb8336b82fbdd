import { createTestDatabase, type TestDatabase } from '@giftwire/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OrderNotFoundError } from '../../src/errors';
import { createPostgresOrderStore } from '../../src/postgres/index';
import { testFulfiller } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

// Found by the proof suite: `GET /orders/%00` reached PostgreSQL, which refuses a NUL byte (22021), and the
// router answered 500. Every reference is a UUID, so anything else names no order and never reaches the store.
it('a lookup by what no reference can be (a NUL byte, junk, 5,000 characters) is "not found", on PostgreSQL too', async () => {
  const vendor = createScriptedVendor();
  const { fulfiller } = testFulfiller([vendor.adapter], {
    store: createPostgresOrderStore({ connectionString: database.connectionString }),
  });
  for (const reference of ['\u0000', `${crypto.randomUUID()}\u0000`, 'not-a-reference', 'x'.repeat(5_000)]) {
    await expect(fulfiller.get(reference)).resolves.toBeUndefined();
    await expect(fulfiller.attempts(reference)).resolves.toEqual([]);
    const cancel = await fulfiller.cancel(reference).catch((e: unknown) => e);
    expect(OrderNotFoundError.isInstance(cancel)).toBe(true);
  }
});
