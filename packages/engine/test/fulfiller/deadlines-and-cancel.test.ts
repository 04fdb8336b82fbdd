import { VendorApiError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { CancelNotAllowedError } from '../../src/errors';
import {
  isSettled,
  needsAttention,
  requestFor,
  testFulfiller,
  waitForOrder,
} from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

type ScriptedVendor = ReturnType<typeof createScriptedVendor>;

/** The vendor refuses every cancel, as one does for an order it has finished; `onCancel` runs first. */
function refuseCancels(vendor: ScriptedVendor, onCancel: () => void = () => {}): void {
  vendor.adapter.cancelOrder = async () => {
    vendor.calls.cancel++;
    onCancel();
    throw new VendorApiError({ vendor: 'scripted', code: 'conflict', retryable: false, httpStatus: 400 });
  };
}

/** One order through a fulfiller of `vendor`, until it is settled or flagged. */
async function settleOrFlag(vendor: ScriptedVendor) {
  const { fulfiller } = testFulfiller([vendor.adapter]);
  await fulfiller.start();
  try {
    const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
    return await waitForOrder(
      () => fulfiller.get(order.reference),
      (o) => isSettled(o) || needsAttention(o),
    );
  } finally {
    await fulfiller.stop();
  }
}

/** Settles after 20 ms; one early look finds it pending, the next is the deadline step itself. */
const cancelAtDeadlineVendor = () =>
  createScriptedVendor({
    settleAfterMs: 20,
    capabilities: { cancel: true },
    limits: {
      deadlineMs: 80,
      cancelAtDeadline: 'required',
      poll: { initialDelayMs: 5, intervalsMs: [60_000] },
    },
  });

describe('deadlines', () => {
  it('cancels at the deadline where the vendor requires it', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: Number.POSITIVE_INFINITY,
      capabilities: { cancel: true },
      limits: { deadlineMs: 80, cancelAtDeadline: 'required' },
    });
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('cancelled');
      expect(vendor.calls.cancel).toBe(1);
      expect(done.settlement?.notCharged).toEqual([{ amount: '20', currency: 'USD' }]);
      expect((await store.attempts(order.reference)).some((a) => a.action === 'deadline')).toBe(true);
    } finally {
      await fulfiller.stop();
    }
  });

  it('delivers an order the vendor finished while nobody looked, instead of cancelling it at the deadline', async () => {
    // Found by the proof suite: a Budgetree order completed during a database outage; past its deadline the
    // engine asked for a reversal without reading the order, the vendor refused, and the order's cards — issued
    // and charged — went to a person as `cancel_failed` instead of to the customer.
    const vendor = cancelAtDeadlineVendor();
    refuseCancels(vendor);
    const done = await settleOrFlag(vendor);
    expect(done).toMatchObject({ state: 'settled', status: 'fulfilled' });
    expect(done.lines[0]!.vouchers.every((v) => v.code !== undefined)).toBe(true);
    expect(vendor.calls.cancel).toBe(0);
  });

  it('retries a status read that fails at the deadline instead of cancelling blind', async () => {
    // Found by the proof suite under load: at the deadline a Budgetree status read timed out, the engine
    // asked for a reversal of an order that was already complete, the vendor refused, and its cards went to a
    // person as `cancel_failed` instead of to the customer.
    const vendor = cancelAtDeadlineVendor();
    const read = vendor.adapter.getOrder.bind(vendor.adapter);
    const startedAt = Date.now();
    let failedAtDeadline = false;
    vendor.adapter.getOrder = async (query) => {
      if (!failedAtDeadline && Date.now() - startedAt >= 80) {
        failedAtDeadline = true;
        throw new VendorApiError({
          vendor: 'scripted',
          code: 'vendor_unavailable',
          retryable: true,
          httpStatus: 503,
        });
      }
      return read(query);
    };
    refuseCancels(vendor);
    const done = await settleOrFlag(vendor);
    expect(failedAtDeadline).toBe(true);
    expect(done).toMatchObject({ state: 'settled', status: 'fulfilled' });
    expect(vendor.calls.cancel).toBe(0);
  });

  it('delivers an order that the vendor finished while refusing its cancel', async () => {
    let finished = false;
    const vendor = createScriptedVendor({
      capabilities: { cancel: true },
      statusAt: () => (finished ? 'fulfilled' : 'processing'),
      limits: { deadlineMs: 80, cancelAtDeadline: 'required' },
    });
    // The vendor completed the order a moment before the cancel reached it.
    refuseCancels(vendor, () => {
      finished = true;
    });
    const done = await settleOrFlag(vendor);
    expect(vendor.calls.cancel).toBe(1);
    expect(done).toMatchObject({ state: 'settled', status: 'fulfilled' });
    expect(done.lines[0]!.vouchers.every((v) => v.code !== undefined)).toBe(true);
  });

  it('takes its first look no later than the deadline, however late the schedule would look', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: Number.POSITIVE_INFINITY,
      limits: { deadlineMs: 80, poll: { initialDelayMs: 3_600_000, intervalsMs: [3_600_000] } },
    });
    const done = await settleOrFlag(vendor);
    expect(done.attention?.reason).toBe('deadline_exceeded');
  });

  it('flags the order for a person where the vendor cannot cancel', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: Number.POSITIVE_INFINITY,
      limits: { deadlineMs: 80 },
    });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const flagged: string[] = [];
    fulfiller.on('order.needs_attention', (o) => {
      flagged.push(o.reference);
    });
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      const done = await waitForOrder(() => fulfiller.get(order.reference), needsAttention);
      expect(done.attention).toMatchObject({ reason: 'deadline_exceeded' });
      expect(done.attention?.message).toContain('processing');
      expect(flagged).toEqual([order.reference]);
      expect(vendor.calls.cancel).toBe(0);
    } finally {
      await fulfiller.stop();
    }
  });
});

describe('cancel()', () => {
  it('closes an order that was never sent without calling the vendor', async () => {
    const vendor = createScriptedVendor({ capabilities: { cancel: true } });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
    const cancelled = await fulfiller.cancel(order.reference);
    expect(cancelled).toMatchObject({ state: 'settled', status: 'cancelled' });
    await fulfiller.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fulfiller.stop();
    expect(vendor.calls.place).toBe(0);
  });

  it('cancels a placed order at a vendor that allows it', async () => {
    const vendor = createScriptedVendor({
      capabilities: { cancel: true },
      settleAfterMs: Number.POSITIVE_INFINITY,
    });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      const cancelled = await fulfiller.cancel(order.reference);
      expect(cancelled).toMatchObject({ state: 'settled', status: 'cancelled' });
      expect(vendor.calls.cancel).toBe(1);
    } finally {
      await fulfiller.stop();
    }
  });

  it('refuses where the vendor has no cancel, and after settlement', async () => {
    const vendor = createScriptedVendor({ settleAfterMs: Number.POSITIVE_INFINITY });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      await expect(fulfiller.cancel(order.reference)).rejects.toSatisfy((e: unknown) =>
        CancelNotAllowedError.isInstance(e),
      );
    } finally {
      await fulfiller.stop();
    }
  });
});

describe('retry()', () => {
  it('takes an order out of needs_attention and reconciles before placing', async () => {
    const vendor = createScriptedVendor({
      capabilities: { lookupByReference: false },
      placeScript: ['unknown-lost'],
    });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(() => fulfiller.get(order.reference), needsAttention);
      // A person checked with the vendor and switched on lookup: retry reconciles, then places.
      vendor.adapter.capabilities.lookupByReference = true;
      await fulfiller.retry(order.reference);
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('fulfilled');
      expect(done.attention).toBeUndefined();
      expect(vendor.orders.size).toBe(1);
    } finally {
      await fulfiller.stop();
    }
  });
});

describe('a cancel the vendor finishes later', () => {
  it('is asked for once, then the order is followed until the vendor confirms it', async () => {
    const vendor = createScriptedVendor({
      capabilities: { cancel: true },
      settleAfterMs: Number.POSITIVE_INFINITY,
    });
    // The vendor accepts the cancel (202) but shows the order as cancelled only a little later.
    let confirmAt = Number.POSITIVE_INFINITY;
    const adapter = {
      ...vendor.adapter,
      cancelOrder: async (ids: { reference: string }) => {
        vendor.calls.cancel++;
        confirmAt = Date.now() + 80;
        setTimeout(() => {
          const order = vendor.orders.get(ids.reference);
          if (order) order.cancelled = true;
        }, 80);
        return { outcome: 'accepted' as const };
      },
    };
    const { fulfiller } = testFulfiller([adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      const afterCancel = await fulfiller.cancel(order.reference);
      expect(afterCancel.state).toBe('placed');
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('cancelled');
      expect(Date.now()).toBeGreaterThanOrEqual(confirmAt);
      expect(vendor.calls.cancel).toBe(1);
    } finally {
      await fulfiller.stop();
    }
  });
});
