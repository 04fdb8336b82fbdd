import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StarshipSandbox, sandboxProductIds } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

let sandbox: StarshipSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function raw(
  path: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
) {
  const { apiKey, apiSecret } = sandbox.clientSettings();
  return request(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-api-key': apiKey,
      'x-api-secret': apiSecret,
      'content-type': 'application/json',
      ...init.headers,
    },
    body: init.body,
  });
}

function expectNoSecret(error: unknown) {
  const { apiKey, apiSecret } = sandbox.clientSettings();
  const text = `${String(error)} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
  expect(text).not.toContain(apiSecret);
  expect(text).not.toContain(apiKey);
  for (const code of sandbox.issuedSecrets().codes) expect(text).not.toContain(code);
}

describe('401', () => {
  it('wrong credentials: the page body, mapped to unauthorized, no secret in the error', async () => {
    const res = await raw('/api/v1/orders/12345', { headers: { 'x-api-secret': 'wrong' } });
    expect(res.statusCode).toBe(401);
    expect(await res.body.json()).toEqual({
      error: 'unauthorized',
      message: 'Invalid or expired access token',
    });
    const client = clientFor(sandbox, { apiSecret: 'wrong-secret' });
    const error = await rejectionOf(client.getOrder({ reference: randomUUID(), vendorOrderId: '12345' }));
    expect(error).toMatchObject({
      code: 'unauthorized',
      vendorCode: 'unauthorized',
      httpStatus: 401,
      retryable: false,
    });
    expectNoSecret(error);
  });

  it('a placement refused at the door is a definite refusal', async () => {
    const client = clientFor(sandbox, { apiKey: 'sk_wrong' });
    const error = await rejectionOf(client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10')));
    expect(VendorApiError.isInstance(error) && error.code).toBe('unauthorized');
  });
});

describe('404', () => {
  it('an unknown order: the page body exactly, mapped to not_found, not retried', async () => {
    const res = await raw('/api/v1/orders/99999999');
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({ error: 'not_found', message: 'No Matching Result Found!' });
    const before = sandbox.calls('getOrder');
    const error = await rejectionOf(
      clientFor(sandbox).getOrder({ reference: randomUUID(), vendorOrderId: '99999999' }),
    );
    expect(error).toMatchObject({ code: 'not_found', vendorCode: 'not_found', httpStatus: 404 });
    expect(sandbox.calls('getOrder') - before).toBe(1);
  });

  it('id must be > 0', async () => {
    const res = await raw('/api/v1/orders/0');
    expect(res.statusCode).toBe(422);
    expect(await res.body.json()).toMatchObject({ error: { code: 'E_VALIDATION_FAILURE' } });
  });

  it('getOrder by reference alone, for an order not among the newest, is not_found (a bounded search)', async () => {
    const error = await rejectionOf(clientFor(sandbox).getOrder({ reference: randomUUID() }));
    expect(error).toMatchObject({ code: 'not_found' });
  });
});

describe('5xx and bodies we cannot read', () => {
  it('a 500 on a read is retried by the http layer', async () => {
    const client = clientFor(sandbox);
    const placed = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    sandbox.faults.next({ kind: 'status', status: 500 }, { operation: 'getOrder' });
    const before = sandbox.calls('getOrder');
    expect((await client.getOrder(placed)).status).toBe('fulfilled');
    expect(sandbox.calls('getOrder') - before).toBe(2);
  });

  it('a 500 on a placement is an unknown outcome, never retried blindly', async () => {
    sandbox.faults.next({ kind: 'status_after_processing', status: 500 }, { operation: 'placeOrder' });
    const before = sandbox.calls('placeOrder');
    const error = await rejectionOf(
      clientFor(sandbox).placeOrder(orderOf(sandboxProductIds.delayedCode, '10')),
    );
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect(sandbox.calls('placeOrder') - before).toBe(1);
  });

  it('non-JSON and the wrong shape are invalid_response without the body or a secret in the message', async () => {
    const client = clientFor(sandbox, { maxAttempts: 1 });
    const placed = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    sandbox.faults.next({ kind: 'malformed_json' }, { operation: 'getOrder' });
    const notJson = await rejectionOf(client.getOrder(placed));
    expect(notJson).toMatchObject({ code: 'invalid_response' });
    expect((notJson as Error).message).not.toContain('unexpected');
    expectNoSecret(notJson);
    sandbox.faults.next(
      { kind: 'rewrite', rewrite: (body) => ({ ...(body as object), amount: 25 }) },
      { operation: 'getOrder' },
    );
    const wrong = await rejectionOf(client.getOrder(placed));
    expect(wrong).toMatchObject({ code: 'invalid_response', invalidPaths: ['amount'] });
    expectNoSecret(wrong);
  });
});

describe('create refusals', () => {
  it.each([
    [{}, 'IDEMPOTENCY_KEY_REQUIRED'],
    [{ 'idempotency-key': 'short' }, 'IDEMPOTENCY_KEY_TOO_SHORT'],
    [{ 'idempotency-key': 'k'.repeat(257) }, 'IDEMPOTENCY_KEY_TOO_LONG'],
  ])('%j → 400 %s in the idempotency envelope', async (headers, code) => {
    const res = await raw('/api/v1/orders', {
      method: 'POST',
      headers,
      body: JSON.stringify({ product_id: 1002, denomination: '10.00', quantity: 1 }),
    });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({
      error: { code, message: expect.any(String), details: expect.any(Object) },
    });
  });

  it('the same key with another body is the idempotency error; the same body replays the same order', async () => {
    const key = `test-${randomUUID()}`;
    const body = { product_id: 1002, denomination: '10.00', quantity: 1, ref: 'R-1' };
    const first = await raw('/api/v1/orders', {
      method: 'POST',
      headers: { 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    expect(first.statusCode).toBe(201);
    const created = (await first.body.json()) as { id: number; ref: string };
    expect(created.ref).toBe('R-1');
    const again = await raw('/api/v1/orders', {
      method: 'POST',
      headers: { 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    expect(again.statusCode).toBe(200);
    expect(await again.body.json()).toMatchObject({ id: created.id });
    const other = await raw('/api/v1/orders', {
      method: 'POST',
      headers: { 'idempotency-key': key },
      body: JSON.stringify({ ...body, quantity: 2 }),
    });
    expect(other.statusCode).toBe(422);
    expect(await other.body.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_MISMATCH' } });
  });

  it.each([
    ['an unknown product', { productId: '424242' }, 'invalid_request', 'E_VALIDATION_FAILURE'],
    [
      'a denomination the product does not sell',
      { faceValue: { amount: '11', currency: 'USD' } },
      'invalid_request',
      'E_VALIDATION_FAILURE',
    ],
    [
      'a retired product',
      { productId: String(sandboxProductIds.unavailable) },
      'product_unavailable',
      'PRODUCT_UNAVAILABLE',
    ],
  ])('%s is a definite refusal with its code', async (_name, change, code, vendorCode) => {
    const request = orderOf(sandboxProductIds.delayedCode, '10');
    const error = await rejectionOf(
      clientFor(sandbox).placeOrder({ ...request, lines: [{ ...request.lines[0]!, ...change }] }),
    );
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code, vendorCode, httpStatus: 422, retryable: false });
  });

  it('not enough in the wallet: insufficient_balance', async () => {
    const poor = await startSandbox({ wallet: { balance: '5.00' } });
    try {
      const error = await rejectionOf(
        clientFor(poor).placeOrder(orderOf(sandboxProductIds.delayedCode, '10')),
      );
      expect(error).toMatchObject({ code: 'insufficient_balance', vendorCode: 'INSUFFICIENT_BALANCE' });
      expect(poor.orders()).toEqual([]);
    } finally {
      await poor.close();
    }
  });
});
