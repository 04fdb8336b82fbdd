import { randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { ValidationError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/* What the vendor sells must be what was asked: a mismatch is refused at `submit`, before anything is stored. */
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  fulfiller = testFulfiller([scaledBamboo(sandbox, { maxAttempts: 1 })]).fulfiller;
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.stop();
  await sandbox.close();
});

function request(amount: string, currency: string, productId = '439685') {
  return { reference: randomUUID(), lines: [{ productId, quantity: 1, faceValue: { amount, currency } }] };
}

async function submitIssues(input: ReturnType<typeof request>): Promise<string[]> {
  const error = await fulfiller.submit({ vendor: 'bamboo', request: input }).catch((e: unknown) => e);
  if (!ValidationError.isInstance(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error.issues.map((issue) => issue.path);
}

describe('submit checks the order against the vendor catalog', () => {
  it('refuses a "10 EUR" line for a USD product: nothing stored, placed or charged', async () => {
    const balance = sandbox.balance(555);
    const eur = request('10', 'EUR');
    expect(await submitIssues(eur)).toEqual(['request.lines.0.faceValue.currency']);
    expect(await fulfiller.get(eur.reference)).toBeUndefined();
    expect(sandbox.orders.get(eur.reference)).toBeUndefined();
    expect(sandbox.balance(555)).toBe(balance);
  });

  it('refuses a face value finer than the vendor takes, and one off the fixed denomination', async () => {
    expect(await submitIssues(request('10.000000000000000001', 'USD'))).toEqual([
      'request.lines.0.faceValue.amount',
    ]);
    expect(await submitIssues(request('30', 'USD', '500200'))).toEqual(['request.lines.0.faceValue.amount']);
    expect(sandbox.placeOrderCalls).toBe(0);
  });

  it('accepts an order while the catalog is unreachable and places it only once it has been checked', async () => {
    // Submit's own check and the first placement's check both find the catalog down.
    sandbox.faults.next({ kind: 'status', status: 503 }, { route: 'catalog', times: 2 });
    // A product no earlier test has loaded into the client's catalog cache.
    const ok = request('10', 'EUR', '500100');
    const { order, created } = await fulfiller.submit({ vendor: 'bamboo', request: ok });
    expect(created).toBe(true);
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);
    expect(done.status).toBe('fulfilled');
    expect(sandbox.orders.list().filter((o) => o.requestId === ok.reference)).toHaveLength(1);
    const trail = await fulfiller.attempts(order.reference);
    expect(trail.some((a) => a.action === 'place' && a.detail?.errorCode === 'vendor_unavailable')).toBe(
      true,
    );
  });
});
