import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';
import { isSettled, requestFor, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

describe('fulfillment lifecycle', () => {
  it('takes an order from accepted to settled, releasing the codes the vendor issued', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    const seen: string[] = [];
    const settled: FulfillmentOrder[] = [];
    fulfiller.on('order.updated', (o) => {
      seen.push(o.state);
    });
    fulfiller.on('order.settled', (o) => {
      settled.push(o);
    });
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({
        vendor: 'scripted',
        request: requestFor('p-1', 3),
        customerId: 'cus_1',
      });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done).toMatchObject({
        state: 'settled',
        status: 'fulfilled',
        customerId: 'cus_1',
        vendorOrderId: expect.any(String),
      });
      const codes = done.lines[0]!.vouchers.map((v) => v.code?.reveal());
      expect(codes).toEqual(vendor.orders.get(order.reference)!.codes[0]);
      expect(done.settlement).toMatchObject({ issued: 3, failed: 0, notCharged: [] });
      expect(seen).toEqual(expect.arrayContaining(['accepted', 'placing', 'placed', 'settled']));
      expect(settled).toHaveLength(1);

      const attempts = await store.attempts(order.reference);
      expect(attempts.map((a) => `${a.action}:${a.fromState}->${a.toState}`).slice(0, 3)).toEqual([
        'submit:null->accepted',
        'place:accepted->placing',
        'place:placing->placed',
      ]);
      // Neither the stored record nor the audit trail holds a code in clear.
      const stored = JSON.stringify([await store.get(order.reference), attempts]);
      for (const code of codes) expect(stored).not.toContain(code);
      expect(inspect(done, { depth: 10 })).not.toContain(codes[0]);
      expect(vendor.calls.place).toBe(1);
    } finally {
      await fulfiller.stop();
    }
  });

  it('releases issued vouchers of a partial order and reports what was not charged', async () => {
    const vendor = createScriptedVendor({ outcome: () => 'partially_fulfilled' });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor('p-1', 4, '12.5') });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('partially_fulfilled');
      const vouchers = done.lines[0]!.vouchers;
      expect(vouchers.filter((v) => v.status === 'issued' && v.code)).toHaveLength(2);
      expect(vouchers.filter((v) => v.status === 'failed').every((v) => v.code === undefined)).toBe(true);
      expect(done.settlement).toEqual({
        issued: 2,
        failed: 2,
        failedUnits: [{ productId: 'p-1', quantity: 2, faceValue: { amount: '12.5', currency: 'USD' } }],
        notCharged: [{ amount: '25', currency: 'USD' }],
      });
    } finally {
      await fulfiller.stop();
    }
  });

  it('stops polling at final and keeps a poll record per status call', async () => {
    const vendor = createScriptedVendor({ settleAfterMs: 60 });
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      const callsAtSettle = vendor.calls.get;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(vendor.calls.get).toBe(callsAtSettle);
      const polls = (await store.attempts(order.reference)).filter((a) => a.action === 'poll');
      expect(polls).toHaveLength(callsAtSettle);
      expect(polls.at(-1)).toMatchObject({ toState: 'settled', detail: { status: 'fulfilled' } });
    } finally {
      await fulfiller.stop();
    }
  });

  it('works with a fractional clock (stores keep whole milliseconds)', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller } = testFulfiller([vendor.adapter], {
      clock: { now: () => performance.timeOrigin + performance.now() },
    });
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      expect((await waitForOrder(() => fulfiller.get(order.reference), isSettled)).status).toBe('fulfilled');
    } finally {
      await fulfiller.stop();
    }
  });

  it('finishes and writes an in-flight call on stop()', async () => {
    const vendor = createScriptedVendor({ getOrderDelayMs: 150, settleAfterMs: 0 });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
    await waitForOrder(
      () => fulfiller.get(order.reference),
      () => vendor.calls.get > 0,
    );
    await fulfiller.stop();
    // The status call that was in flight when stop() began was completed and written.
    const after = await fulfiller.get(order.reference);
    expect(after?.state).toBe('settled');
  });
});
