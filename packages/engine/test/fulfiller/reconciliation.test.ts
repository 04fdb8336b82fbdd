import { VendorApiError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import {
  isSettled,
  needsAttention,
  requestFor,
  testFulfiller,
  waitForOrder,
} from '../support/engine-fixtures';
import { createScriptedVendor, type ScriptedVendorOptions } from '../support/scripted-vendor';

async function run(options: ScriptedVendorOptions, settle = isSettled) {
  const vendor = createScriptedVendor(options);
  const { fulfiller, store } = testFulfiller([vendor.adapter]);
  await fulfiller.start();
  try {
    const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
    const done = await waitForOrder(() => fulfiller.get(order.reference), settle);
    const attempts = await store.attempts(order.reference);
    return { vendor, done, attempts, reference: order.reference };
  } finally {
    await fulfiller.stop();
  }
}

describe('unknown placement outcomes are reconciled by reference, never by a new key', () => {
  it('lookup finds an order that landed although its answer was lost', async () => {
    const { vendor, done, attempts } = await run({ placeScript: ['unknown-landed'] });
    expect(done.status).toBe('fulfilled');
    expect(vendor.orders.size).toBe(1);
    expect(vendor.calls.place).toBe(1);
    expect(attempts.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining(['place:unknown', 'lookup:ok']),
    );
  });

  it('lookup that finds nothing places again under the same reference', async () => {
    const { vendor, done, reference } = await run({ placeScript: ['unknown-lost'] });
    expect(done.status).toBe('fulfilled');
    expect([...vendor.orders.keys()]).toEqual([reference]);
    expect(vendor.calls.place).toBe(2);
  });

  it('replays under the same key when the vendor supports idempotent replay', async () => {
    const { vendor, done, attempts } = await run({
      capabilities: { lookupByReference: false, idempotentReplay: true },
      placeScript: ['unknown-landed'],
    });
    expect(done.status).toBe('fulfilled');
    expect(vendor.orders.size).toBe(1);
    expect(vendor.calls.place).toBe(2);
    expect(attempts.some((a) => a.action === 'retry' && a.detail?.replay === true)).toBe(true);
  });

  it('flags an order for a person when the vendor offers neither', async () => {
    const { done, vendor } = await run(
      {
        capabilities: { lookupByReference: false, idempotentReplay: false },
        placeScript: ['unknown-landed'],
      },
      needsAttention,
    );
    expect(done.attention?.reason).toBe('outcome_unresolved');
    expect(vendor.calls.place).toBe(1);
  });

  it('treats a duplicate-reference refusal as "it landed" and looks it up', async () => {
    const vendor = createScriptedVendor({ placeScript: ['unknown-landed'] });
    // The first lookup misses (the vendor is slow to index it), so the engine resends under the same
    // reference; the vendor refuses the duplicate, and the engine finds the original.
    let hideOnce = true;
    const adapter = {
      ...vendor.adapter,
      getOrder: async (ids: { reference: string }) => {
        if (hideOnce) {
          hideOnce = false;
          throw new VendorApiError({
            vendor: 'scripted',
            code: 'not_found',
            retryable: false,
            httpStatus: 404,
          });
        }
        return vendor.adapter.getOrder(ids);
      },
    };
    const { fulfiller, store } = testFulfiller([adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('fulfilled');
      expect(vendor.orders.size).toBe(1);
      expect(vendor.calls.place).toBe(2);
      const trail = (await store.attempts(order.reference)).map((a) => `${a.action}:${a.outcome}`);
      expect(trail).toEqual(expect.arrayContaining(['place:unknown', 'lookup:ok', 'lookup:ok']));
    } finally {
      await fulfiller.stop();
    }
  });
});

describe('vendor refusals', () => {
  it('a refusal a person can fix (balance) needs attention; nothing is placed', async () => {
    const refusal = new VendorApiError({
      vendor: 'scripted',
      code: 'insufficient_balance',
      retryable: false,
      httpStatus: 400,
      vendorCode: 'LowBalance',
    });
    const { done, vendor } = await run({ placeScript: [refusal] }, needsAttention);
    expect(done.attention).toMatchObject({ reason: 'insufficient_balance' });
    expect(vendor.orders.size).toBe(0);
  });

  it('a final refusal fails the order with every unit reported as not charged', async () => {
    const refusal = new VendorApiError({
      vendor: 'scripted',
      code: 'invalid_denomination',
      retryable: false,
      httpStatus: 400,
      vendorCode: 'BadValue',
    });
    const { done } = await run({ placeScript: [refusal] });
    expect(done).toMatchObject({ status: 'failed', failure: { code: 'invalid_denomination' } });
    expect(done.settlement).toMatchObject({
      issued: 0,
      failed: 2,
      notCharged: [{ amount: '20', currency: 'USD' }],
    });
  });

  it('a rate-limit refusal is retried later and then succeeds', async () => {
    const limited = new VendorApiError({
      vendor: 'scripted',
      code: 'rate_limited',
      retryable: true,
      httpStatus: 429,
      retryAfterMs: 20,
    });
    const { done, vendor, attempts } = await run({ placeScript: [limited] });
    expect(done.status).toBe('fulfilled');
    expect(vendor.calls.place).toBe(2);
    expect(
      attempts.some(
        (a) => a.action === 'place' && a.toState === 'accepted' && a.detail?.errorCode === 'rate_limited',
      ),
    ).toBe(true);
  });
});
