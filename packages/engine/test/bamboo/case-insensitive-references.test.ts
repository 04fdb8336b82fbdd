import { randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { IdempotencyConflictError } from '../../src/errors';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * References are GUIDs and Bamboo compares them case-insensitively. A customer who learns another's reference
 * must not be able to post it in another case, get a new order here, and have the vendor's "already exists"
 * answer hand them the first customer's vendor order.
 */

const USD_VARIABLE = '439685';
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;

function codesOf(order: FulfillmentOrder | undefined): string[] {
  return (order?.lines ?? []).flatMap((line) =>
    line.vouchers.flatMap((v) => [v.code?.reveal(), v.pin?.reveal()].filter((s) => s !== undefined)),
  );
}

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  fulfiller = testFulfiller([scaledBamboo(sandbox)], { store: createEmbeddedOrderStore() }).fulfiller;
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.close();
  await sandbox.close();
});

describe('references are case-insensitive', () => {
  it('an upper-cased reference names the existing order: no second order, no codes for another customer', async () => {
    const reference = randomUUID();
    const expensive = [
      { productId: USD_VARIABLE, quantity: 2, faceValue: { amount: '200', currency: 'USD' } },
    ];
    await fulfiller.submit({
      vendor: 'bamboo',
      request: { reference, lines: expensive },
      customerId: 'alice',
    });
    const alices = await waitForOrder(() => fulfiller.get(reference), isSettled, 30_000);
    expect(codesOf(alices)).toHaveLength(4);

    const upper = reference.toUpperCase();
    const cheap = [{ productId: USD_VARIABLE, quantity: 1, faceValue: { amount: '5', currency: 'USD' } }];
    await expect(
      fulfiller.submit({
        vendor: 'bamboo',
        request: { reference: upper, lines: cheap },
        customerId: 'mallory',
      }),
    ).rejects.toSatisfy((error) => IdempotencyConflictError.isInstance(error));

    // Every entry point finds the one order under either spelling.
    const viaUpper = await fulfiller.get(upper);
    expect(viaUpper?.reference).toBe(reference);
    expect(viaUpper?.customerId).toBe('alice');
    expect((await fulfiller.attempts(upper)).length).toBeGreaterThan(0);
    expect(await fulfiller.attempts(upper)).toEqual(await fulfiller.attempts(reference));
    expect((await fulfiller.retry(upper)).reference).toBe(reference);

    const all = await fulfiller.list({ limit: 500 });
    expect(all.orders.filter((o) => o.reference.toLowerCase() === reference)).toHaveLength(1);
    expect(all.orders.some((o) => o.customerId === 'mallory')).toBe(false);
    expect(sandbox.orders.list().filter((o) => o.requestId.toLowerCase() === reference)).toHaveLength(1);
  });

  it('the same request under an upper-cased reference is the same order (created: false)', async () => {
    const reference = randomUUID();
    const lines = [{ productId: USD_VARIABLE, quantity: 1, faceValue: { amount: '10', currency: 'USD' } }];
    const first = await fulfiller.submit({
      vendor: 'bamboo',
      request: { reference, lines },
      customerId: 'c1',
    });
    const again = await fulfiller.submit({
      vendor: 'bamboo',
      request: { reference: reference.toUpperCase(), lines },
      customerId: 'c1',
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.order.reference).toBe(reference);
    await waitForOrder(() => fulfiller.get(reference), isSettled, 30_000);
    expect(sandbox.orders.list().filter((o) => o.requestId.toLowerCase() === reference)).toHaveLength(1);
  });
});
