import { scaleLimits } from '@giftwire/core';
import { TIME_SCALE } from '@giftwire/test-kit';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { STARSHIP_LIMITS } from '../src/index';
import { type StarshipSandbox, sandboxProductIds } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

let sandbox: StarshipSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function get(path: string) {
  const { apiKey, apiSecret } = sandbox!.clientSettings();
  return request(`${sandbox!.url}${path}`, { headers: { 'x-api-key': apiKey, 'x-api-secret': apiSecret } });
}

describe('the sandbox answers every limit with 429 and Retry-After', () => {
  it('burst: the 21st request within the window', async () => {
    sandbox = await startSandbox({ rateLimits: { perMinute: 1000 } });
    for (let i = 0; i < 20; i++) expect((await get('/api/v1/products')).statusCode).toBe(200);
    const refused = await get('/api/v1/products');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await refused.body.json()).toMatchObject({ error: 'rate_limited' });
    expect(sandbox.violations.map((v) => v.rule)).toEqual(['burst']);
  });

  it('per minute: the 201st request within a minute', async () => {
    sandbox = await startSandbox({ rateLimits: { perMinute: 5, burst: 100 } });
    for (let i = 0; i < 5; i++) await (await get('/api/v1/products')).body.dump();
    const refused = await get('/api/v1/products');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(sandbox.violations.map((v) => v.rule)).toEqual(['per_minute']);
  });

  it('per order: the 61st request for one order within an hour; other orders are not affected', async () => {
    sandbox = await startSandbox({ rateLimits: { perMinute: 10_000, burst: 10_000 } });
    const client = clientFor(sandbox, { limits: { ...STARSHIP_LIMITS, rateLimits: [] } });
    const one = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    const two = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    for (let i = 0; i < 60; i++) await (await get(`/api/v1/orders/${one.vendorOrderId}`)).body.dump();
    const refused = await get(`/api/v1/orders/${one.vendorOrderId}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(sandbox.violations).toMatchObject([{ rule: 'per_order', key: one.vendorOrderId }]);
    expect((await get(`/api/v1/orders/${two.vendorOrderId}`)).statusCode).toBe(200);
  });

  it('the client reads a 429 as rate_limited with the wait Starship asks for', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox, { maxAttempts: 1 });
    sandbox.faults.next(
      { kind: 'status', status: 429, body: { error: 'rate_limited', message: 'slow down' } },
      { operation: 'getOrder' },
    );
    const error = await rejectionOf(client.getOrder({ reference: 'r', vendorOrderId: '12345' }));
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429, retryAfterMs: 1000 });
  });
});

describe('the client keeps the per-order limit itself, polling included', () => {
  it('never sends a 61st request for one order within the window: it waits instead', async () => {
    sandbox = await startSandbox();
    // Only the per-order window is tightened (1 minute real × TIME_SCALE would still be 3 s): an hour scaled.
    const client = clientFor(sandbox, { limits: scaleLimits(STARSHIP_LIMITS, TIME_SCALE) });
    const placed = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    // The create counted against this order: 59 reads fill its 60.
    for (let i = 0; i < 59; i++) await client.getOrder(placed);
    const waiting = new AbortController();
    const sixtyFirst = client.getOrder(placed, { signal: waiting.signal });
    const other = await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    // Another order is served meanwhile: the wait is this order's alone.
    expect((await client.getOrder(other)).status).toBe('fulfilled');
    waiting.abort(new Error('stop waiting'));
    expect(await rejectionOf(sixtyFirst)).toMatchObject({ message: 'stop waiting' });
    // 59 reads of the first order and one of the other: the 61st of the first never left.
    expect(sandbox.calls('getOrder')).toBe(60);
    expect(sandbox.violations).toEqual([]);
  });
});
