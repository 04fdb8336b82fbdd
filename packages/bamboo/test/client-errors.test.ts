import { ConfigurationError, ValidationError, VendorApiError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAMBOO_LIMITS } from '../src/index';
import { type BambooSandbox, type ErrorShape, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits } from './client-helpers';

async function vendorError(promise: Promise<unknown>): Promise<VendorApiError> {
  const error = await rejectionOf(promise);
  if (!VendorApiError.isInstance(error)) throw error;
  return error;
}

describe.each<ErrorShape>(['errors', 'error', 'string'])('Bamboo reason codes in %s bodies', (errorShape) => {
  let sandbox: BambooSandbox;
  beforeAll(async () => {
    sandbox = await startBambooSandbox({ limits: sandboxLimits, scenario: { errorShape } });
  });
  afterAll(() => sandbox.close());

  it.each([
    ['WrongAccount (unknown account)', { accountId: 9999 }, orderOf(439685, '10'), 'invalid_request'],
    ['WrongAccount (inactive account)', { accountId: 556 }, orderOf(439685, '10'), 'invalid_request'],
    [
      'WrongAccount (live account with sandbox credentials)',
      { accountId: 557 },
      orderOf(439685, '10'),
      'invalid_request',
    ],
    ['InsufficientBalance', { accountId: 559 }, orderOf(439685, '100'), 'insufficient_balance'],
    ['InvalidProduct', {}, orderOf(500400, '10'), 'product_unavailable'],
    ['ProductIsOutOfStock', {}, orderOf(500300, '10', 1, 'GBP'), 'product_unavailable'],
    ['ClientPriceInvalid', {}, orderOf(500401, '10'), 'invalid_request'],
  ])('%s', async (reason, settings, request, code) => {
    const error = await vendorError(clientFor(sandbox, settings).placeOrder(request));
    expect(error).toMatchObject({
      code,
      vendorCode: reason.split(' ')[0],
      httpStatus: 400,
      retryable: false,
    });
  });

  it('OrderAlreadyExists for a reused RequestId', async () => {
    const client = clientFor(sandbox);
    const request = orderOf(439685, '10');
    await client.placeOrder(request);
    const error = await vendorError(client.placeOrder(request));
    expect(error).toMatchObject({ code: 'duplicate_reference', vendorCode: 'OrderAlreadyExists' });
  });

  it('OrderNotFound for an unknown RequestId', async () => {
    const error = await vendorError(
      clientFor(sandbox).getOrder({ reference: '3f1b6c1e-0000-4000-8000-000000000000' }),
    );
    expect(error).toMatchObject({ code: 'not_found', vendorCode: 'OrderNotFound' });
  });
});

describe('Bamboo client errors against the sandbox', () => {
  let sandbox: BambooSandbox;
  beforeAll(async () => {
    sandbox = await startBambooSandbox({ limits: sandboxLimits });
  });
  afterAll(() => sandbox.close());

  it('refuses without a catalog, and reads UserNotEnabled from a differently configured client', async () => {
    const noCatalog = await startBambooSandbox({ catalog: [] });
    const disabled = await startBambooSandbox({ ordersEnabled: false });
    try {
      // Without a catalog no product can be checked, so nothing is sent (Bamboo would say ClientCatalogNotExist).
      const unchecked = await rejectionOf(clientFor(noCatalog).placeOrder(orderOf(439685, '10')));
      expect(ValidationError.isInstance(unchecked) && unchecked.issues[0]?.path).toBe('lines.0.productId');
      expect(noCatalog.placeOrderCalls).toBe(0);
      expect(await vendorError(clientFor(disabled).placeOrder(orderOf(439685, '10')))).toMatchObject({
        code: 'forbidden',
        vendorCode: 'UserNotEnabled',
      });
    } finally {
      await Promise.all([noCatalog.close(), disabled.close()]);
    }
  });

  it('rejects NoProducts and CardsLimitExceeded before sending anything', async () => {
    const client = clientFor(sandbox);
    const before = sandbox.placeOrderCalls;
    const empty = await rejectionOf(client.placeOrder({ ...orderOf(439685, '10'), lines: [] }));
    const tooMany = await rejectionOf(client.placeOrder(orderOf(439685, '10', 501)));
    expect(ValidationError.isInstance(empty) && empty.issues.map((i) => i.path)).toEqual(['lines']);
    expect(ValidationError.isInstance(tooMany) && tooMany.issues[0]?.message).toMatch(/at most 500 cards/);
    expect(sandbox.placeOrderCalls).toBe(before);
  });

  it('checks face values against the catalog once it has been listed', async () => {
    const client = clientFor(sandbox);
    for await (const _page of client.listProducts()) {
      // Listing fills the client's knowledge of face-value ranges.
    }
    const before = sandbox.placeOrderCalls;
    const error = await rejectionOf(client.placeOrder(orderOf(439685, '501')));
    expect(ValidationError.isInstance(error) && error.issues[0]?.path).toBe('lines.0.faceValue.amount');
    expect(sandbox.placeOrderCalls).toBe(before);
  });

  it('401 for wrong credentials, without the secret in the error', async () => {
    const error = await vendorError(clientFor(sandbox, { clientSecret: 'wrong-secret-value' }).getBalance());
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401, retryable: false });
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain('wrong-secret-value');
  });

  it('429 with Retry-After when Place Order calls come too fast', async () => {
    // A client whose own limiter is switched off, to see what Bamboo answers.
    const unthrottled = clientFor(sandbox, { limits: { ...BAMBOO_LIMITS, rateLimits: [] }, maxAttempts: 1 });
    // The product check is done first, so that both placements leave together.
    await unthrottled.checkOrder(orderOf(439685, '10'));
    const results = await Promise.allSettled([
      unthrottled.placeOrder(orderOf(439685, '10')),
      unthrottled.placeOrder(orderOf(439685, '10')),
    ]);
    const refused = results.find((r) => r.status === 'rejected');
    const error = (refused as PromiseRejectedResult).reason;
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(0);
  });

  it('names both the option and the environment variable for a missing credential', () => {
    expect(() => clientFor(sandbox, { clientId: undefined })).toThrow(
      /clientId is missing: pass \{ clientId \} to createBamboo\(\) or set BAMBOO_CLIENT_ID/,
    );
    expect(() => clientFor(sandbox, { clientSecret: '' })).toThrow(/clientSecret.*BAMBOO_CLIENT_SECRET/);
    expect(() =>
      clientFor(sandbox, { clientSecret: undefined, env: { BAMBOO_CLIENT_SECRET: 's' } }),
    ).not.toThrow();
    expect(() => clientFor(sandbox, { accountId: 'abc' })).toThrow(ConfigurationError);
  });
});
