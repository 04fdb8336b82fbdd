import { ValidationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError } from '../../src/errors';
import { requestFor, testFulfiller } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

function pathsOf(error: unknown): string[] {
  if (!ValidationError.isInstance(error)) throw error;
  return error.issues.map((i) => i.path);
}

describe('submit', () => {
  it('lists every bad field and stores nothing', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const error = await fulfiller
      .submit({
        vendor: 'nope',
        request: {
          reference: 'x',
          lines: [{ productId: '', quantity: 0, faceValue: { amount: '1.5.0', currency: 'usd' } }],
        },
      })
      .catch((e: unknown) => e);
    expect(pathsOf(error)).toEqual(
      expect.arrayContaining([
        'vendor',
        'request.reference',
        'request.lines.0.productId',
        'request.lines.0.quantity',
        'request.lines.0.faceValue.amount',
        'request.lines.0.faceValue.currency',
      ]),
    );
    expect((await fulfiller.list()).orders).toEqual([]);
    expect(vendor.calls.place).toBe(0);
  });

  it("enforces the vendor's own card limit", async () => {
    const vendor = createScriptedVendor({ limits: { maxCardsPerOrder: 3 } });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const error = await fulfiller
      .submit({ vendor: 'scripted', request: requestFor('p', 4) })
      .catch((e: unknown) => e);
    expect(pathsOf(error)).toEqual(['request.lines']);
  });

  it('is idempotent on reference: same request, same order; another request, a conflict', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const request = requestFor();
    const first = await fulfiller.submit({ vendor: 'scripted', request, customerId: 'c1' });
    const again = await fulfiller.submit({
      vendor: 'scripted',
      request: structuredClone(request),
      customerId: 'c1',
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.order.reference).toBe(first.order.reference);
    expect(again.order.createdAt).toBe(first.order.createdAt);
    const other = { ...request, lines: [{ ...request.lines[0]!, quantity: 3 }] };
    await expect(
      fulfiller.submit({ vendor: 'scripted', request: other, customerId: 'c1' }),
    ).rejects.toSatisfy((e: unknown) => IdempotencyConflictError.isInstance(e));
    await expect(fulfiller.submit({ vendor: 'scripted', request, customerId: 'c2' })).rejects.toSatisfy(
      (e: unknown) => IdempotencyConflictError.isInstance(e),
    );
  });

  it('persists the intent before anything is sent', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    const { order } = await fulfiller.submit({
      vendor: 'scripted',
      request: requestFor(),
      shopOrderId: 'order_1',
    });
    // Not started: nothing sent, but the order is durable and accepted.
    expect(vendor.calls.place).toBe(0);
    const record = await store.get(order.reference);
    expect(record).toMatchObject({
      state: 'accepted',
      status: 'pending',
      shopOrderId: 'order_1',
      placeAttempts: 0,
    });
    expect((await store.attempts(order.reference)).map((a) => a.action)).toEqual(['submit']);
  });
});
