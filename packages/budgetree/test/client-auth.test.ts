import { VendorApiError } from '@giftwire/core';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const DAY = 86_400_000;

describe('tokens', () => {
  it('one verify for many concurrent calls', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    await Promise.all(Array.from({ length: 40 }, () => client.getOrder({ reference: order.reference })));
    expect(sandbox.verifyCalls).toBe(1);
    expect(sandbox.unauthorizedCalls).toBe(0);
  });

  it('a token exchange whose answer was lost starts again from verify: its authorization code is single-use', async () => {
    // Found by the proof suite's load run: under load the exchange timed out after the vendor had used the
    // code, the client sent it again with the same code, got 401, and the order went to a person as
    // `unauthorized` with nothing placed.
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    sandbox.faults.next({ kind: 'latency', ms: 0 }); // verify: served as usual
    sandbox.faults.next({ kind: 'drop_response' }); // token: the vendor issues one, the answer is lost
    const order = orderOf();
    await client.placeOrder(order);
    expect(sandbox.verifyCalls).toBe(2);
    expect(sandbox.orders()).toHaveLength(1);
  });

  it('is refreshed ahead of its expiry, before any call is refused', async () => {
    let now = 1_800_000_000_000;
    const clock = { now: () => now };
    // Budgetree's tokens last about 7 days; the client buys a new one after 6.
    sandbox = await startSandbox({ clock, tokenTtlMs: 7 * DAY });
    const client = clientFor(sandbox, { now: clock.now });
    const order = orderOf();
    await client.placeOrder(order);
    expect(sandbox.verifyCalls).toBe(1);
    now += 6 * DAY - 1;
    await client.getOrder({ reference: order.reference });
    expect(sandbox.verifyCalls).toBe(1);
    now += 1;
    await client.getOrder({ reference: order.reference });
    expect(sandbox.verifyCalls).toBe(2);
    now += 6 * DAY;
    await client.getOrder({ reference: order.reference });
    expect(sandbox.verifyCalls).toBe(3);
    expect(sandbox.unauthorizedCalls).toBe(0);
  });

  it('a 401 buys a new token once and the call succeeds; concurrent 401s share that one refresh', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    sandbox.expireTokens();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => client.getOrder({ reference: order.reference })),
    );
    expect(answers.every((o) => o.reference === order.reference)).toBe(true);
    expect(sandbox.unauthorizedCalls).toBe(5);
    expect(sandbox.verifyCalls).toBe(2);
  });

  it('a 401 that persists is an unauthorized error after one refresh: never a loop', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    sandbox.faults.next(
      { kind: 'status', status: 401, body: { code: 401, message: 'x', messages: [] } },
      { operation: 'getOrder', times: 5 },
    );
    const error = await rejectionOf(client.getOrder({ reference: order.reference }));
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401 });
    expect(sandbox.calls('getOrder')).toBe(2);
    expect(sandbox.verifyCalls).toBe(2);
    sandbox.faults.clear();
  });

  it('a placement refused 401 is sent again after the refresh, reporting each send', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.getOrder({ reference: orderOf().reference }).catch(() => undefined);
    sandbox.expireTokens();
    let sends = 0;
    const order = orderOf();
    await client.placeOrder(order, {
      onSend: () => {
        sends += 1;
      },
    });
    expect(sends).toBe(2);
    expect(sandbox.orders().filter((o) => o.reference === order.reference)).toHaveLength(1);
  });

  it('wrong credentials fail at the token step, naming no secret', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox, { password: 'wrong-password-123' });
    const error = await rejectionOf(client.getOrder({ reference: orderOf().reference }));
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unauthorized' });
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('wrong-password-123');
    expect(text).not.toContain(sandbox.clientSettings().clientSecret);
    expect(sandbox.verifyCalls).toBe(1);
  });
});

describe('signatures', () => {
  it('a bad signature is refused 401 by the sandbox; the client signs every call right', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    await client.getOrder({ reference: order.reference });
    expect(sandbox.unauthorizedCalls).toBe(0);
    // The same request with the token but a signature made with another secret.
    const res = await request(`${sandbox.url}/rest/v3/orders/${order.reference}`, {
      headers: {
        authorization: 'Bearer whatever',
        dateAtClient: new Date().toISOString(),
        signature: 'ab'.repeat(64),
      },
    });
    expect(res.statusCode).toBe(401);
    await res.body.text();
  });

  it('a client whose clock is 10 minutes off (stale dateAtClient) gets unauthorized after one refresh', async () => {
    sandbox = await startSandbox();
    const skewed = clientFor(sandbox, { now: () => Date.now() - 10 * 60_000 });
    const error = await rejectionOf(skewed.getOrder({ reference: orderOf().reference }));
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401 });
    expect(sandbox.unauthorizedCalls).toBe(2);
    expect(sandbox.verifyCalls).toBe(2);
  });
});
