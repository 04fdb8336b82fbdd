import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBudgetree } from '../src/index';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** No error may carry a credential, and none the vendor's body (that stays a Secret). */
function expectClean(error: unknown, sandbox: BudgetreeSandbox): void {
  const text = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`;
  const { clientSecret, password } = sandbox.clientSettings();
  expect(text).not.toContain(clientSecret);
  expect(text).not.toContain(password);
  expect(text).not.toContain('<html');
  expect(text).not.toContain('allowlist of this service');
}

describe('errors', () => {
  it("a firewall's HTML 403 on a status call is a clear forbidden error: no parse crash, no body in the message", async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.getOrder({ reference: orderOf().reference }).catch(() => undefined);
    sandbox.blockNext();
    const error = await rejectionOf(client.getOrder({ reference: orderOf().reference }));
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'forbidden', httpStatus: 403, retryable: false });
    expect((error as Error).message).toContain('not JSON');
    expect((error as VendorApiError).body?.reveal()).toContain('<html>');
    expectClean(error, sandbox);
  });

  it('the same page on a placement is a definite forbidden refusal: nothing was taken', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.getOrder({ reference: orderOf().reference }).catch(() => undefined);
    sandbox.blockNext();
    const error = await rejectionOf(client.placeOrder(orderOf()));
    expect(OutcomeUnknownError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ code: 'forbidden', httpStatus: 403 });
    expect(sandbox.orders()).toEqual([]);
    expectClean(error, sandbox);
  });

  it('the same page on the OAuth step is forbidden too', async () => {
    sandbox = await startSandbox();
    sandbox.blockNext();
    const error = await rejectionOf(clientFor(sandbox).getOrder({ reference: orderOf().reference }));
    expect(error).toMatchObject({ code: 'forbidden', httpStatus: 403 });
    expectClean(error, sandbox);
  });

  it.each([
    [400, { code: 5300, message: 'Validation failed', messages: ['x'] }, 'invalid_request'],
    [401, { code: 401, message: 'Unauthorized', messages: [] }, 'unauthorized'],
    [403, { code: 403, message: 'Forbidden', messages: [] }, 'forbidden'],
    [500, { code: 500, message: 'Internal error', messages: [] }, 'vendor_unavailable'],
  ] as const)('the failure body on HTTP %s → %s', async (status, body, code) => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox, { maxAttempts: 1 });
    sandbox.faults.next({ kind: 'status', status, body }, { operation: 'getOrder', times: 2 });
    const error = await rejectionOf(client.getOrder({ reference: orderOf().reference }));
    expect(error).toMatchObject({ code, httpStatus: status });
    expect((error as Error).message).not.toContain(body.message);
    expectClean(error, sandbox);
    sandbox.faults.clear();
  });

  it('a 200 that is not JSON (or of the wrong shape) on status is invalid_response; on a placement an unknown outcome', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.getOrder({ reference: orderOf().reference }).catch(() => undefined);
    sandbox.faults.next({ kind: 'malformed_json' }, { operation: 'getOrder' });
    expect(await rejectionOf(client.getOrder({ reference: orderOf().reference }))).toMatchObject({
      code: 'invalid_response',
    });
    sandbox.faults.next({ kind: 'wrong_shape', body: { status: 5 } }, { operation: 'getOrder' });
    const shape = await rejectionOf(client.getOrder({ reference: orderOf().reference }));
    expect(shape).toMatchObject({ code: 'invalid_response', invalidPaths: ['status'] });
    const order = orderOf();
    sandbox.faults.next({ kind: 'malformed_json' }, { operation: 'placeOrder' });
    const unknown = await rejectionOf(client.placeOrder(order));
    expect(OutcomeUnknownError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ reference: order.reference, reason: 'invalid_response' });
  });
});

describe('a sync (201) create answer', () => {
  it('is used as the order: cards mapped as Secrets, the request signed and sent as canonical JSON', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.budgetree.test');
    pool.intercept({ path: '/oauth2/verify', method: 'POST' }).reply(200, { authorizationCode: 'code-1' });
    pool.intercept({ path: '/oauth2/token', method: 'POST' }).reply(200, { token: 'token-1' });
    const order = orderOf(2, '500');
    let sent: { headers: Record<string, string>; body: string } | undefined;
    pool.intercept({ path: '/rest/v3/orders', method: 'POST' }).reply((options) => {
      sent = { headers: options.headers as Record<string, string>, body: String(options.body) };
      return {
        statusCode: 201,
        data: {
          status: 'COMPLETE',
          orderId: '333336022',
          refno: order.reference,
          cancel: { allowed: true, allowedWithIn: 2 },
          cards: [1, 2].map((i) => ({
            sku: 'BT-GIFT-INR',
            productName: 'Gift',
            cardNumber: `CARD-${i}`,
            cardPin: `PIN-${i}`,
            activationCode: `ACT-${i}`,
            amount: '500.00',
            validity: '2027-12-31',
          })),
        },
      };
    });
    const client = createBudgetree({
      clientId: 'id',
      clientSecret: 'secret',
      username: 'user',
      password: 'pass',
      baseUrl: 'https://api.budgetree.test',
      dispatcher: agent,
      env: {},
    });
    const result = await client.placeOrder(order);
    expect(result.vendorOrderId).toBe('333336022');
    expect(result.order).toMatchObject({
      status: 'fulfilled',
      reference: order.reference,
      cancelWindow: { allowed: true, withinMinutes: 2 },
    });
    const vouchers = result.order!.lines.flatMap((l) => l.vouchers);
    expect(vouchers.map((v) => [v.code!.reveal(), v.pin!.reveal(), v.expiresAt])).toEqual([
      ['CARD-1', 'PIN-1', '2027-12-31'],
      ['CARD-2', 'PIN-2', '2027-12-31'],
    ]);
    expect(sent!.headers.authorization).toBe('Bearer token-1');
    expect(sent!.headers.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(Number.isNaN(Date.parse(sent!.headers.dateatclient!))).toBe(false);
    expect(JSON.parse(sent!.body)).toEqual({
      deliveryMode: 'API',
      payments: [{ amount: '1000', code: 'svc' }],
      products: [{ currency: 'INR', price: '500', qty: 2, sku: 'BT-GIFT-INR' }],
      refno: order.reference,
      syncOnly: false,
    });
    expect(sent!.body.startsWith('{"deliveryMode"')).toBe(true);
    await agent.close();
  });
});
