import { ValidationError, VendorApiError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, sandboxProductIds, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits } from './client-helpers';

/*
 * What Bamboo sells must be what was asked. Its Place Order `Value` is a bare JSON number with no currency,
 * so the client checks every line against the product's catalog entry before anything is sent — loading the
 * product when this client has never listed it.
 */
let sandbox: BambooSandbox;
beforeAll(async () => {
  sandbox = await startBambooSandbox({ limits: sandboxLimits });
});
afterAll(() => sandbox.close());

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const error = await rejectionOf(promise);
  if (!ValidationError.isInstance(error)) throw error;
  return error.issues.map((issue) => issue.path);
}

describe('a fresh Bamboo client checks each line against the catalog before placing', () => {
  it('refuses a "10 EUR" line for a USD product: nothing placed, nothing charged', async () => {
    const client = clientFor(sandbox);
    const before = { calls: sandbox.placeOrderCalls, balance: sandbox.balance(555) };
    const request = orderOf(sandboxProductIds.usdVariable, '10', 1, 'EUR');
    expect(await refusal(client.placeOrder(request))).toEqual(['lines.0.faceValue.currency']);
    expect(sandbox.placeOrderCalls).toBe(before.calls);
    expect(sandbox.orders.get(request.reference)).toBeUndefined();
    expect(sandbox.balance(555)).toBe(before.balance);
  });

  it('refuses 10.000000000000000001 instead of sending it as 10', async () => {
    const client = clientFor(sandbox);
    const before = sandbox.placeOrderCalls;
    const request = orderOf(sandboxProductIds.usdVariable, '10.000000000000000001');
    expect(await refusal(client.placeOrder(request))).toEqual(['lines.0.faceValue.amount']);
    expect(sandbox.placeOrderCalls).toBe(before);
  });

  it('refuses values outside the range, off a fixed denomination, and products not in the catalog', async () => {
    const client = clientFor(sandbox);
    const before = sandbox.placeOrderCalls;
    expect(await refusal(client.placeOrder(orderOf(sandboxProductIds.usdVariable, '501')))).toEqual([
      'lines.0.faceValue.amount',
    ]);
    expect(await refusal(client.placeOrder(orderOf(sandboxProductIds.usdFixed25, '30')))).toEqual([
      'lines.0.faceValue.amount',
    ]);
    expect(await refusal(client.placeOrder(orderOf(777777, '10')))).toEqual(['lines.0.productId']);
    expect(sandbox.placeOrderCalls).toBe(before);
  });

  it('sends a face value with exactly its decimal digits', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(sandboxProductIds.usdVariable, '10.50');
    await client.placeOrder(request);
    const order = sandbox.orders.get(request.reference);
    expect(order?.items[0]).toMatchObject({ productFaceValue: '10.5' });
  });

  it('checkOrder gives the same answer without placing anything', async () => {
    const client = clientFor(sandbox);
    const before = sandbox.placeOrderCalls;
    await client.checkOrder(orderOf(sandboxProductIds.eurVariable, '10', 1, 'EUR'));
    expect(await refusal(client.checkOrder(orderOf(sandboxProductIds.eurVariable, '10', 1, 'USD')))).toEqual([
      'lines.0.faceValue.currency',
    ]);
    expect(sandbox.placeOrderCalls).toBe(before);
  });

  it('does not place unchecked when the catalog cannot be read: a retryable error, nothing sent', async () => {
    const client = clientFor(sandbox, { maxAttempts: 1 });
    const before = sandbox.placeOrderCalls;
    sandbox.faults.next({ kind: 'status', status: 503 }, { route: 'catalog' });
    const error = await rejectionOf(client.placeOrder(orderOf(sandboxProductIds.usdVariable, '10')));
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'vendor_unavailable', retryable: true, httpStatus: undefined });
    expect((error as Error).message).toMatch(/nothing was sent/);
    expect(sandbox.placeOrderCalls).toBe(before);
  });
});
