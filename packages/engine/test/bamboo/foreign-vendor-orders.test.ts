import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { RetryNotAllowedError } from '../../src/errors';
import { VENDOR_ORDER_MISMATCH } from '../../src/fulfillment/vendor-order-matches-request';
import { createPostgresOrderStore } from '../../src/postgres/index';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';
import { createTestDatabase, type TestDatabase } from '../stores/postgres-test-database';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, needsAttention, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * Two engines on ONE Bamboo account (the demo runs a Medusa engine and an Express engine so), each with its
 * own store: engine A on PGlite, engine B on PostgreSQL. Whatever B is asked to place under a reference A
 * already used, B must never read A's vendor order, and A's order must not change.
 */

const USD_VARIABLE = '439685';
let sandbox: BambooSandbox;
let database: TestDatabase;
let engineA: Fulfiller;
let engineB: Fulfiller;

const expensive = [{ productId: USD_VARIABLE, quantity: 2, faceValue: { amount: '200', currency: 'USD' } }];
const cheap = [{ productId: USD_VARIABLE, quantity: 1, faceValue: { amount: '5', currency: 'USD' } }];

function secretsOf(order: FulfillmentOrder | undefined): string[] {
  return (order?.lines ?? []).flatMap((line) =>
    line.vouchers.flatMap((v) =>
      [v.code?.reveal(), v.pin?.reveal(), v.claimUrl?.reveal()].filter((s) => s !== undefined),
    ),
  );
}

/**
 * A code (32 characters) must not appear anywhere; a short PIN only counts as a whole value (quoted, as
 * JSON.stringify and util.inspect print it): four random digits may well occur inside a product id.
 */
function expectNotShown(shown: string, secret: string): void {
  if (secret.length >= 12) expect(shown).not.toContain(secret);
  else for (const quoted of [`"${secret}"`, `'${secret}'`]) expect(shown).not.toContain(quoted);
}

async function settledOrderOfA(): Promise<{ reference: string; order: FulfillmentOrder; codes: string[] }> {
  const reference = randomUUID();
  await engineA.submit({ vendor: 'bamboo', request: { reference, lines: expensive }, customerId: 'alice' });
  const order = await waitForOrder(() => engineA.get(reference), isSettled, 30_000);
  const issued = sandbox.issuedSecrets(reference);
  expect(secretsOf(order).sort()).toEqual([...issued.codes, ...issued.pins].sort());
  return { reference, order, codes: [...issued.codes, ...issued.pins] };
}

/** B's order must be flagged, show no code, and A's order must be exactly as it was. */
async function expectRefused(reference: string, before: FulfillmentOrder, codes: string[]): Promise<void> {
  const refused = await waitForOrder(() => engineB.get(reference), needsAttention, 30_000);
  expect(refused.attention?.reason).toBe(VENDOR_ORDER_MISMATCH);
  expect(refused.status).not.toBe('fulfilled');
  expect(refused.vendorOrderId).toBeUndefined();
  expect(refused.lines.flatMap((l) => l.vouchers)).toEqual([]);
  const listed = (await engineB.list({ limit: 500 })).orders.find((o) => o.reference === reference);
  const attempts = await engineB.attempts(reference);
  const shown = [
    JSON.stringify(refused),
    inspect(refused, { depth: 10 }),
    JSON.stringify(listed),
    inspect(listed, { depth: 10 }),
    JSON.stringify(attempts),
  ].join('\n');
  for (const code of codes) expectNotShown(shown, code);
  // Never re-opened: a retry would only look the foreign order up again.
  await expect(engineB.retry(reference)).rejects.toSatisfy((e) => RetryNotAllowedError.isInstance(e));
  expect(await engineA.get(reference)).toEqual(before);
}

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  database = await createTestDatabase();
  engineA = testFulfiller([scaledBamboo(sandbox)], { store: createEmbeddedOrderStore() }).fulfiller;
  engineB = testFulfiller([scaledBamboo(sandbox)], {
    store: createPostgresOrderStore({ connectionString: database.connectionString }),
  }).fulfiller;
  await Promise.all([engineA.start(), engineB.start()]);
});

afterAll(async () => {
  await engineA.close();
  await engineB.close();
  await sandbox.close();
  await database.drop();
});

describe('two engines on one vendor account never read each other’s orders', () => {
  for (const spelling of ['lower', 'upper'] as const) {
    for (const [name, lines] of [
      ['a cheap line', cheap],
      ['identical lines', expensive],
    ] as const) {
      it(`engine B submitting A's reference (${spelling}-case) with ${name} gets no code`, async () => {
        const a = await settledOrderOfA();
        const reference = spelling === 'upper' ? a.reference.toUpperCase() : a.reference;
        const { created } = await engineB.submit({
          vendor: 'bamboo',
          request: { reference, lines: [...lines] },
          customerId: 'mallory',
        });
        expect(created).toBe(true);
        await expectRefused(a.reference, a.order, a.codes);

        // Staff can see what the vendor holds under that reference — here, nothing was adopted at all.
        const inspection = await engineB.inspect(reference);
        expect(inspection?.order.attention?.reason).toBe(VENDOR_ORDER_MISMATCH);
        expect(sandbox.orders.list().filter((o) => o.requestId.toLowerCase() === a.reference)).toHaveLength(
          1,
        );
        expect(inspection?.vendorOrder).toBeUndefined();

        // Nothing of B's was taken by the vendor, so B's shop may close its order; A's is left alone.
        const closed = await engineB.cancel(reference);
        expect(closed).toMatchObject({ state: 'settled', status: 'cancelled' });
        expect(secretsOf(closed)).toEqual([]);
        expect(await engineA.get(a.reference)).toEqual(a.order);
      });
    }
  }
});

describe('a vendor order that differs from what was sent is flagged, never silently fulfilled', () => {
  type Item = { productId: number; productFaceValue: number; currencyCode: string; quantity: number };
  const changes: [string, (item: Item) => void][] = [
    [
      'another currency',
      (item) => {
        item.currencyCode = 'EUR';
      },
    ],
    [
      'another face value',
      (item) => {
        item.productFaceValue = 500;
      },
    ],
    [
      'another product',
      (item) => {
        item.productId = 500100;
      },
    ],
    [
      'more cards than asked',
      (item) => {
        item.quantity = 3;
      },
    ],
  ];
  for (const [name, change] of changes) {
    it(`${name}: needs_attention (${VENDOR_ORDER_MISMATCH}), codes withheld, staff can inspect`, async () => {
      const reference = randomUUID();
      sandbox.faults.next(
        {
          kind: 'rewrite',
          rewrite: (json) => {
            const order = json as { requestId: string; items: Item[] };
            if (order.requestId === reference) for (const item of order.items) change(item);
            return order;
          },
        },
        { route: 'getOrder', times: 1_000 },
      );
      try {
        await engineA.submit({ vendor: 'bamboo', request: { reference, lines: expensive } });
        const flagged = await waitForOrder(() => engineA.get(reference), needsAttention, 30_000);
        expect(flagged.attention?.reason).toBe(VENDOR_ORDER_MISMATCH);
        expect(flagged.status).not.toBe('fulfilled');
        const issued = sandbox.issuedSecrets(reference);
        const shown = [JSON.stringify(flagged), inspect(flagged, { depth: 10 })].join('\n');
        for (const code of [...issued.codes, ...issued.pins]) expectNotShown(shown, code);
        const staff = await engineA.inspect(reference);
        expect(staff?.vendorOrder?.reference).toBe(reference);
        // Still the order the vendor holds, sealed for staff: its codes are there once the cards sold.
        const staffCodes = (staff?.vendorOrder?.lines ?? []).flatMap((l) =>
          l.vouchers.flatMap((v) => (v.code ? [v.code.reveal()] : [])),
        );
        for (const code of staffCodes) expect(issued.codes).toContain(code);
      } finally {
        sandbox.faults.clear();
      }
    });
  }

  it('an order charged through FX (charged is not face value) is still ours: codes released', async () => {
    // EUR face values charged to a USD account through FX: `charged` is not face value, and is not compared.
    const reference = randomUUID();
    const lines = [{ productId: '500100', quantity: 2, faceValue: { amount: '20', currency: 'EUR' } }];
    await engineA.submit({ vendor: 'bamboo', request: { reference, lines } });
    const done = await waitForOrder(() => engineA.get(reference), isSettled, 30_000);
    expect(done.status).toBe('fulfilled');
    expect(done.charged?.currency).toBe('USD');
    expect(secretsOf(done)).toHaveLength(4);
  });
});
