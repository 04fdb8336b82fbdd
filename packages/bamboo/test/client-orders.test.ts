import { inspect } from 'node:util';
import { OutcomeUnknownError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, type Outcome, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits, waitForFinal } from './client-helpers';

const outcomes = new Map<string, Outcome>();
let sandbox: BambooSandbox;

beforeAll(async () => {
  sandbox = await startBambooSandbox({
    limits: sandboxLimits,
    scenario: {
      processingAfterMs: 20,
      settleAfterMs: 60,
      outcome: ({ requestId }) => outcomes.get(requestId) ?? 'Succeeded',
    },
  });
});
afterAll(() => sandbox.close());

describe('Bamboo client against the sandbox: orders', () => {
  it('places an order and follows it to Succeeded with the codes the sandbox issued', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '10', 2);
    expect(await client.placeOrder(request)).toEqual({ reference: request.reference });

    const first = await client.getOrder({ reference: request.reference });
    expect(['pending', 'processing']).toContain(first.status);
    expect(first.lines[0]?.vouchers.every((v) => v.code === undefined)).toBe(true);

    const order = await waitForFinal(client, request.reference);
    expect(order.status).toBe('fulfilled');
    expect(order.charged).toEqual({ amount: '20', currency: 'USD' });
    const issued = sandbox.orders.get(request.reference)!.items[0]!.cards.map((c) => c.cardCode);
    expect(order.lines[0]!.vouchers.map((v) => v.code?.reveal())).toEqual(issued);
    expect(order.lines[0]!.vouchers.every((v) => v.status === 'issued' && v.pin !== undefined)).toBe(true);
    const rendered = JSON.stringify(order) + inspect(order, { depth: 20 });
    for (const code of issued) expect(rendered).not.toContain(code!);
  });

  it('charges a EUR card to a USD account at the FX rate, exactly', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(500100, '10', 10, 'EUR');
    await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference);
    expect(order.charged).toEqual({ amount: '108.51', currency: 'USD' });
    expect(order.lines[0]!.faceValue).toEqual({ amount: '10', currency: 'EUR' });
  });

  it('reports PartialFailed: sold cards released, failed ones withheld and not charged', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '10', 4);
    outcomes.set(request.reference, { status: 'PartialFailed', failedCards: 1 });
    await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference);
    expect(order.status).toBe('partially_fulfilled');
    const vouchers = order.lines[0]!.vouchers;
    expect(vouchers.filter((v) => v.status === 'issued')).toHaveLength(3);
    const failed = vouchers.filter((v) => v.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.code).toBeUndefined();
    expect(order.charged).toEqual({ amount: '30', currency: 'USD' });
    expect(order.failure?.message).toBeTruthy();
  });

  it('reports Failed with nothing charged and no codes', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '10', 2);
    outcomes.set(request.reference, 'Failed');
    await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference);
    expect(order.status).toBe('failed');
    expect(order.charged).toEqual({ amount: '0', currency: 'USD' });
    expect(order.lines[0]!.vouchers.every((v) => v.status === 'failed' && v.code === undefined)).toBe(true);
    expect(order.failure?.code).toBe('vendor_failed');
  });

  it('surfaces a dropped response as OutcomeUnknownError, then finds the order by RequestId', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '15', 1);
    const callsBefore = sandbox.placeOrderCalls;
    sandbox.faults.next({ kind: 'drop_response' }, { route: 'placeOrder' });
    const error = await rejectionOf(client.placeOrder(request));
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect((error as OutcomeUnknownError).reference).toBe(request.reference);
    // The client did not place it again: exactly one call reached the vendor.
    expect(sandbox.placeOrderCalls - callsBefore).toBe(1);
    const order = await waitForFinal(client, request.reference);
    expect(order.status).toBe('fulfilled');
    expect(sandbox.orders.list().filter((o) => o.requestId === request.reference)).toHaveLength(1);
  });

  it('treats a 5xx on Place Order as an unknown outcome and retries a 5xx on Get Order', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '5', 1);
    sandbox.faults.next({ kind: 'status', status: 503 }, { route: 'placeOrder' });
    expect(OutcomeUnknownError.isInstance(await rejectionOf(client.placeOrder(request)))).toBe(true);

    await client.placeOrder(request);
    sandbox.faults.next({ kind: 'status', status: 502 }, { route: 'getOrder' });
    const order = await client.getOrder({ reference: request.reference });
    expect(order.reference).toBe(request.reference);
  });

  it('spaces its Place Order calls so the sandbox sees no rate-rule violation', async () => {
    const client = clientFor(sandbox);
    await Promise.all(Array.from({ length: 8 }, () => client.placeOrder(orderOf(500200, '25', 1))));
    expect(sandbox.violations).toEqual([]);
  });
});
