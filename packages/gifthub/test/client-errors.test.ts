import { ConfigurationError, OutcomeUnknownError, ValidationError, VendorApiError } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyGiftHubError, createGiftHub, INSUFFICIENT_FUNDS_MESSAGE } from '../src/index';
import { type GiftHubSandbox, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, waitForFinal } from './client-helpers';

let sandbox: GiftHubSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function placedOrder() {
  sandbox = await startGiftHubSandbox({ scenario: { processingAfterMs: 1, settleAfterMs: 5 } });
  const client = clientFor(sandbox);
  const request = orderOf(sandboxSkus.zalandoEur25, '25', 'EUR', 2);
  const { vendorOrderId } = await client.placeOrder(request);
  await waitForFinal(client, request.reference, vendorOrderId!);
  return { client, sandbox, ids: { reference: request.reference, vendorOrderId: vendorOrderId! } };
}

function expectNoSecretIn(error: unknown, secrets: readonly string[]) {
  const text = `${(error as Error).message} ${String(error)} ${JSON.stringify(error)}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('answers that cannot be read', () => {
  it('a non-JSON Retrieve Order answer is invalid_response, without the body or a code in the message', async () => {
    const { client, sandbox, ids } = await placedOrder();
    sandbox.faults.next({ kind: 'malformed_json' }, { operation: 'getOrder' });
    const error = await rejectionOf(client.getOrder(ids));
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect((error as VendorApiError).code).toBe('invalid_response');
    expect((error as Error).message).not.toContain('unexpected');
  });

  it('a well-formed answer of another shape is invalid_response naming paths, never values', async () => {
    const { client, sandbox, ids } = await placedOrder();
    const codes = sandbox.issuedSecrets(ids.reference).codes;
    sandbox.faults.next(
      {
        kind: 'rewrite',
        rewrite: (body) => {
          const b = body as { data: Record<string, unknown> };
          b.data.state = 42;
          return b;
        },
      },
      { operation: 'getOrder' },
    );
    const error = (await rejectionOf(client.getOrder(ids))) as VendorApiError;
    expect(error.code).toBe('invalid_response');
    expect(error.invalidPaths).toEqual(['data.state']);
    expectNoSecretIn(error, codes);
  });

  it('an answer without a reference is invalid_response', async () => {
    const { client, sandbox, ids } = await placedOrder();
    sandbox.faults.next(
      {
        kind: 'rewrite',
        rewrite: (body) => {
          const b = body as { data: Record<string, unknown> };
          delete b.data.reference;
          return b;
        },
      },
      { operation: 'getOrder' },
    );
    const error = (await rejectionOf(client.getOrder(ids))) as VendorApiError;
    expect(error.code).toBe('invalid_response');
    expect(error.invalidPaths).toEqual(['data.reference']);
  });

  it('a create answer that cannot be read is an unknown outcome, never a refusal', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox);
    for (const fault of [
      { kind: 'malformed_json' },
      { kind: 'wrong_shape' },
      { kind: 'status_after_processing', status: 502 },
    ] as const) {
      sandbox.faults.next(fault, { operation: 'placeOrder' });
      const error = await rejectionOf(client.placeOrder(orderOf(sandboxSkus.zalandoEur25, '25', 'EUR')));
      expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    }
    expect(sandbox.chargedOrders()).toEqual([]);
  });

  it('a confirm answered 500 after GiftHub confirmed is placed once the order shows it', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox);
    const box = sandbox;
    let sends = 0;
    const result = await client.placeOrder(orderOf(sandboxSkus.zalandoEur25, '25', 'EUR'), {
      onSend: () => {
        sends += 1;
        if (sends === 2)
          box.faults.next({ kind: 'status_after_processing', status: 500 }, { operation: 'any' });
      },
    });
    expect(result.vendorOrderId).toBeDefined();
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });

  it.each([{ kind: 'malformed_json' }, { kind: 'wrong_shape' }] as const)(
    'a confirm answered with $kind is resolved by reading the order',
    async (fault) => {
      sandbox = await startGiftHubSandbox();
      const client = clientFor(sandbox);
      const box = sandbox;
      let sends = 0;
      const request = orderOf(sandboxSkus.zalandoEur25, '25', 'EUR');
      const reads = sandbox.calls('getOrder');
      const result = await client.placeOrder(request, {
        onSend: () => {
          sends += 1;
          if (sends === 2) box.faults.next(fault, { operation: 'any' });
        },
      });
      expect(sandbox.calls('getOrder') - reads).toBe(1);
      expect(result.vendorOrderId).toBe(sandbox.orders.get(request.reference)!.uid);
      expect(sandbox.chargedOrders()).toHaveLength(1);
    },
  );

  it('a confirm refused 503 before GiftHub looked is unknown while the order is still created', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox);
    const box = sandbox;
    let sends = 0;
    const request = orderOf(sandboxSkus.zalandoEur25, '25', 'EUR');
    const error = await rejectionOf(
      client.placeOrder(request, {
        onSend: () => {
          sends += 1;
          if (sends === 2) box.faults.next({ kind: 'status', status: 503 }, { operation: 'any' });
        },
      }),
    );
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect(sandbox.orders.get(request.reference)!.state).toBe('created');
    await client.placeOrder(request);
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });
});

describe('errors GiftHub names', () => {
  it('a wrong API key is unauthorized and the key appears in no message', async () => {
    sandbox = await startGiftHubSandbox();
    const client = createGiftHub({ baseUrl: sandbox.url, apiKey: 'wrong-key-123', env: {} });
    const error = (await rejectionOf(
      client.getOrder({ reference: 'r', vendorOrderId: 'x' }),
    )) as VendorApiError;
    expect(error.code).toBe('unauthorized');
    expectNoSecretIn(error, ['wrong-key-123', 'sandbox-api-key']);
  });

  it('an unknown order id is not_found', async () => {
    sandbox = await startGiftHubSandbox();
    const error = (await rejectionOf(
      clientFor(sandbox).getOrder({ reference: 'r', vendorOrderId: 'nope' }),
    )) as VendorApiError;
    expect([error.code, error.httpStatus]).toEqual(['not_found', 404]);
  });

  it('getOrder without GiftHub’s id is a ValidationError and sends nothing', async () => {
    sandbox = await startGiftHubSandbox();
    const error = await rejectionOf(clientFor(sandbox).getOrder({ reference: 'r' }));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]!.path).toBe('vendorOrderId');
    expect(sandbox.calls('any')).toBe(0);
  });

  it('reads only 419 and the whole insufficient-funds sentence', () => {
    const answer = (status: number, message?: string) => ({
      status,
      headers: {},
      bodyText: '',
      json: message === undefined ? undefined : { message },
    });
    expect(classifyGiftHubError(answer(419))).toEqual({
      code: 'conflict',
      vendorCode: 'order_expired',
      retryable: true,
    });
    expect(classifyGiftHubError(answer(400, INSUFFICIENT_FUNDS_MESSAGE))).toMatchObject({
      code: 'insufficient_balance',
    });
    expect(classifyGiftHubError(answer(400, `${INSUFFICIENT_FUNDS_MESSAGE}.`))).toMatchObject({
      code: 'insufficient_balance',
    });
    expect(classifyGiftHubError(answer(400, `Proxy: ${INSUFFICIENT_FUNDS_MESSAGE}`))).toBeUndefined();
    expect(classifyGiftHubError(answer(502, INSUFFICIENT_FUNDS_MESSAGE))).toBeUndefined();
    expect(classifyGiftHubError(answer(400, 'Invalid orderId'))).toBeUndefined();
  });
});

describe('settings', () => {
  it('a missing API key names the option and the variable', () => {
    expect(() => createGiftHub({ env: {} })).toThrow(ConfigurationError);
    expect(() => createGiftHub({ env: {} })).toThrow(/apiKey.*GIFTHUB_API_KEY/);
  });

  it('falls back to GIFTHUB_API_KEY and sends it in the configured header', async () => {
    sandbox = await startGiftHubSandbox({ apiKey: 'env-key', apiKeyHeader: 'x-gifthub-key' });
    const client = createGiftHub({
      baseUrl: sandbox.url,
      env: { GIFTHUB_API_KEY: 'env-key' },
      routes: { apiKeyHeader: 'x-gifthub-key' },
    });
    const pages = [];
    for await (const page of client.listProducts()) pages.push(page);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('refuses a base URL that is not absolute', () => {
    expect(() => createGiftHub({ apiKey: 'k', baseUrl: 'gifthub', env: {} })).toThrow(/GIFTHUB_BASE_URL/);
  });
});
