import { VendorApiError } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPlacedOrderStore } from '../src/index';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

let now = 1_800_000_000_000;
const clock = { now: () => now };

async function setup() {
  now = 1_800_000_000_000;
  // The two-minute window on a 1/100 scale: 1.2 s of sandbox time.
  sandbox = await startSandbox({
    clock,
    timeScale: 0.01,
    scenario: { processingAfterMs: 10, completeAfterMs: 20, reversalAfterMs: 50, outcome: 'never' },
  });
  return clientFor(sandbox, { now: clock.now });
}

describe('cancelOrder (reversal)', () => {
  it('inside the window: accepted, the order ends cancelled and refunded at the vendor', async () => {
    const client = await setup();
    const order = orderOf(2);
    await client.placeOrder(order);
    now += 10;
    expect(await client.cancelOrder({ reference: order.reference })).toEqual({ outcome: 'accepted' });
    // The reversal runs: a second one is refused with 8221, clearly.
    const running = await rejectionOf(client.cancelOrder({ reference: order.reference }));
    expect(running).toMatchObject({ code: 'conflict', vendorCode: '8221', retryable: true });
    expect((running as Error).message).toContain('reversal of this order is already in progress');
    now += 50;
    expect(await client.getOrder({ reference: order.reference })).toMatchObject({
      status: 'cancelled',
      cancelWindow: { allowed: false, withinMinutes: 2 },
    });
    expect(sandbox!.orders()[0]).toMatchObject({
      final: true,
      cardsIssued: 0,
      charged: { amount: '0', currency: 'INR' },
    });
    expect(await client.cancelOrder({ reference: order.reference })).toEqual({
      outcome: 'already_cancelled',
    });
  });

  it('outside the window: a clear conflict error (10467); the order is untouched', async () => {
    const client = await setup();
    const order = orderOf();
    await client.placeOrder(order);
    expect((await client.getOrder({ reference: order.reference })).cancelWindow).toEqual({
      allowed: true,
      withinMinutes: 2,
    });
    now += 1_200;
    expect((await client.getOrder({ reference: order.reference })).cancelWindow).toEqual({
      allowed: false,
      withinMinutes: 2,
    });
    const late = await rejectionOf(client.cancelOrder({ reference: order.reference }));
    expect(VendorApiError.isInstance(late)).toBe(true);
    expect(late).toMatchObject({ code: 'conflict', vendorCode: '10467', httpStatus: 400, retryable: false });
    expect((late as Error).message).toContain('cancel window has closed');
    expect(sandbox!.orders()[0]).toMatchObject({ status: 'PROCESSING', final: false });
  });

  it('repeats the original create body; a client that does not hold it refuses without sending', async () => {
    const client = await setup();
    const order = orderOf();
    await client.placeOrder(order);
    const stranger = clientFor(sandbox!, { now: clock.now });
    const error = await rejectionOf(stranger.cancelOrder({ reference: order.reference }));
    expect(error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect((error as Error).message).toContain('nothing was sent');
    expect(sandbox!.calls('cancelOrder')).toBe(0);
  });

  it('a shared placedOrders store lets another client reverse the order', async () => {
    now = 1_800_000_000_000;
    sandbox = await startSandbox({ clock, timeScale: 0.01, scenario: { outcome: 'never' } });
    const placedOrders = createMemoryPlacedOrderStore();
    const first = clientFor(sandbox, { now: clock.now, placedOrders });
    const second = clientFor(sandbox, { now: clock.now, placedOrders });
    const order = orderOf();
    await first.placeOrder(order);
    expect(await second.cancelOrder({ reference: order.reference })).toEqual({ outcome: 'accepted' });
  });
});

describe('cancelOrder when an answer is lost', () => {
  it('a reversal taken but answered 502 is sent once more; its 8221 means ours is running: accepted', async () => {
    const client = await setup();
    const order = orderOf();
    await client.placeOrder(order);
    sandbox!.faults.next({ kind: 'status_after_processing', status: 502 }, { operation: 'cancelOrder' });
    expect(await client.cancelOrder({ reference: order.reference })).toEqual({ outcome: 'accepted' });
    expect(sandbox!.calls('cancelOrder')).toBe(2);
    now += 50;
    expect((await client.getOrder({ reference: order.reference })).status).toBe('cancelled');
  });

  it('a reversal refused 503 before it was served is sent again and accepted', async () => {
    const client = await setup();
    const order = orderOf();
    await client.placeOrder(order);
    sandbox!.faults.next({ kind: 'status', status: 503 }, { operation: 'cancelOrder' });
    expect(await client.cancelOrder({ reference: order.reference })).toEqual({ outcome: 'accepted' });
    expect(sandbox!.calls('cancelOrder')).toBe(2);
  });

  it('a genuine 8221 (a reversal someone else started) stays an error', async () => {
    const client = await setup();
    const order = orderOf();
    await client.placeOrder(order);
    await client.cancelOrder({ reference: order.reference });
    expect(await rejectionOf(client.cancelOrder({ reference: order.reference }))).toMatchObject({
      vendorCode: '8221',
    });
  });
});
