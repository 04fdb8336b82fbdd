import type { OrderStatus } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';
import { isSettled, requestFor, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

/** Processing, then partially delivered from `partialAtMs`, then `later` from `laterAtMs` (if given). */
function partialThen(partialAtMs: number, later?: { status: OrderStatus; atMs: number }) {
  return (age: number): OrderStatus => {
    if (later && age >= later.atMs) return later.status;
    return age >= partialAtMs ? 'partially_fulfilled' : 'processing';
  };
}

async function run(vendor: ReturnType<typeof createScriptedVendor>, quantity = 4) {
  const { fulfiller, store } = testFulfiller([vendor.adapter]);
  const settledAs: string[] = [];
  fulfiller.on('order.settled', (o) => {
    settledAs.push(o.status);
  });
  await fulfiller.start();
  try {
    const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor('p-1', quantity) });
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
    return { done, settledAs, attempts: await store.attempts(order.reference) };
  } finally {
    await fulfiller.stop();
  }
}

const issued = (o: FulfillmentOrder) =>
  o.lines.flatMap((l) => l.vouchers).filter((v) => v.status === 'issued');

describe('a vendor whose partial answers may still change (limits.partialSettlesAfterMs)', () => {
  it('follows a partial order until it is delivered in full, and settles it once, fulfilled', async () => {
    const vendor = createScriptedVendor({
      statusAt: partialThen(20, { status: 'fulfilled', atMs: 250 }),
      limits: { partialSettlesAfterMs: 5_000 },
    });
    const { done, settledAs, attempts } = await run(vendor);
    expect(done.status).toBe('fulfilled');
    expect(settledAs).toEqual(['fulfilled']);
    expect(issued(done)).toHaveLength(4);
    expect(done.settlement).toMatchObject({ issued: 4, failed: 0 });
    // It was seen partial along the way, and that answer did not settle it.
    const partialPolls = attempts.filter((a) => a.detail?.status === 'partially_fulfilled');
    expect(partialPolls.length).toBeGreaterThan(0);
    expect(partialPolls.every((a) => a.toState === 'placed')).toBe(true);
  });

  it('follows a partial order that the vendor later cancels, and settles it cancelled', async () => {
    const vendor = createScriptedVendor({
      statusAt: partialThen(20, { status: 'cancelled', atMs: 200 }),
      limits: { partialSettlesAfterMs: 5_000 },
    });
    const { done, settledAs } = await run(vendor);
    expect(done.status).toBe('cancelled');
    expect(settledAs).toEqual(['cancelled']);
  });

  it('settles a partial order as it stands once it has stopped changing for that long', async () => {
    const settleMs = 300;
    const vendor = createScriptedVendor({
      statusAt: partialThen(20),
      limits: { partialSettlesAfterMs: settleMs },
    });
    const { done, settledAs, attempts } = await run(vendor);
    expect(done.status).toBe('partially_fulfilled');
    expect(settledAs).toEqual(['partially_fulfilled']);
    expect(issued(done)).toHaveLength(2);
    expect(done.settlement).toMatchObject({ issued: 2, failed: 2 });
    // Settled by an answer given at least `settleMs` (engine clock) after the first partial answer.
    const partial = attempts.filter((a) => a.detail?.status === 'partially_fulfilled');
    const first = Date.parse(partial[0]!.at);
    const settling = partial.find((a) => a.toState === 'settled')!;
    expect(Date.parse(settling.at) - first).toBeGreaterThanOrEqual(settleMs);
    expect(partial.filter((a) => a.toState === 'placed').length).toBeGreaterThan(1);
  });

  it('settles a still-partial order as it stands at its deadline instead of flagging it', async () => {
    const vendor = createScriptedVendor({
      statusAt: partialThen(20),
      limits: { partialSettlesAfterMs: 60_000, deadlineMs: 250 },
    });
    const { done } = await run(vendor);
    expect(done.status).toBe('partially_fulfilled');
    expect(done.attention).toBeUndefined();
    expect(issued(done)).toHaveLength(2);
  });

  it('without the limit, a partial answer is final at once (Bamboo)', async () => {
    const vendor = createScriptedVendor({
      statusAt: partialThen(20, { status: 'fulfilled', atMs: 2_000 }),
    });
    const { done, attempts } = await run(vendor);
    expect(done.status).toBe('partially_fulfilled');
    expect(attempts.filter((a) => a.detail?.status === 'partially_fulfilled')).toHaveLength(1);
  });
});
