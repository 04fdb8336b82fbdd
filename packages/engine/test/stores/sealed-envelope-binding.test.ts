import { randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { createTestDatabase, type TestDatabase } from '@giftwire/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { VoucherDecryptionError } from '../../src/crypto/voucher-cipher';
import { createPostgresOrderStore } from '../../src/postgres/index';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * The sealed vendor order is bound to its row's reference as AES-GCM authenticated data that the row supplies.
 * Someone with write access to the table (or a bug) who copies one order's envelope onto another's row must
 * get an error there, never the first order's codes.
 */

let sandbox: BambooSandbox;
let database: TestDatabase;
let fulfiller: Fulfiller;

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  database = await createTestDatabase();
  fulfiller = testFulfiller([scaledBamboo(sandbox)], {
    store: createPostgresOrderStore({ connectionString: database.connectionString }),
  }).fulfiller;
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.close();
  await sandbox.close();
  await database.drop();
});

async function settled(amount: string): Promise<string> {
  const reference = randomUUID();
  const lines = [{ productId: '439685', quantity: 1, faceValue: { amount, currency: 'USD' } }];
  await fulfiller.submit({ vendor: 'bamboo', request: { reference, lines } });
  await waitForOrder(() => fulfiller.get(reference), isSettled, 30_000);
  return reference;
}

describe('a sealed envelope opens only on its own row', () => {
  it("an envelope copied onto another order's row fails to open there, naming no secret", async () => {
    const victim = await settled('200');
    const thief = await settled('5');
    const stolen = sandbox.issuedSecrets(victim);
    expect(stolen.codes).toHaveLength(1);

    const client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      await client.query(
        `UPDATE giftwire.orders SET sealed_order = (SELECT sealed_order FROM giftwire.orders WHERE reference = $1)
          WHERE reference = $2`,
        [victim, thief],
      );
    } finally {
      await client.end();
    }

    for (const read of [() => fulfiller.get(thief), () => fulfiller.inspect(thief), () => fulfiller.list()]) {
      let caught: unknown;
      try {
        await read();
      } catch (error) {
        caught = error;
      }
      expect(VoucherDecryptionError.isInstance(caught)).toBe(true);
      const message = String((caught as Error).message);
      expect(message).toContain(thief);
      for (const secret of [...stolen.codes, ...stolen.pins]) expect(message).not.toContain(secret);
    }
    // The envelope still opens on its own row.
    const own = await fulfiller.get(victim);
    expect(own?.lines[0]?.vouchers[0]?.code?.reveal()).toBe(stolen.codes[0]);
  });
});
