import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, type Fault, sandboxProductIds, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits } from './client-helpers';

/*
 * Bamboo took and charged the order, and the answer is an error that proves nothing. The client must say
 * "outcome unknown" (look it up), never "refused": a refusal is written off as "failed, nothing charged".
 */
let sandbox: BambooSandbox;
beforeAll(async () => {
  sandbox = await startBambooSandbox({ limits: sandboxLimits });
});
afterAll(() => sandbox.close());

describe('an error answer to Place Order after Bamboo took the order', () => {
  it.each<[string, Fault]>([
    ['408', { kind: 'status_after_processing', status: 408 }],
    ['404', { kind: 'status_after_processing', status: 404, body: { message: 'Not found' } }],
    ['409', { kind: 'status_after_processing', status: 409 }],
    [
      '502 with a reason word',
      { kind: 'status_after_processing', status: 502, body: { message: 'InsufficientBalance upstream' } },
    ],
    [
      '400 with a reason in a sentence',
      { kind: 'status_after_processing', status: 400, body: { message: 'Rejected: InvalidProduct' } },
    ],
  ])('%s is an unknown outcome, and Get Order finds the order', async (_name, fault) => {
    const client = clientFor(sandbox);
    const request = orderOf(sandboxProductIds.usdVariable, '10');
    sandbox.faults.next(fault, { route: 'placeOrder' });
    const error = await rejectionOf(client.placeOrder(request));
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reference: request.reference });
    expect((await client.getOrder({ reference: request.reference })).reference).toBe(request.reference);
  });

  it('a documented 400 with its reason code in the error body is still a definite refusal', async () => {
    const error = await rejectionOf(
      clientFor(sandbox).placeOrder(orderOf(sandboxProductIds.notOrderable, '10')),
    );
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'product_unavailable',
      vendorCode: 'InvalidProduct',
      httpStatus: 400,
    });
  });
});
