import { randomUUID } from 'node:crypto';
import { isFinal } from '@giftwire/core';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBamboo } from '../index';
import {
  type BambooSandbox,
  type BambooSandboxOptions,
  sandboxProductIds as ids,
  startBambooSandbox,
} from './index';
import { AUTH, CHECKOUT, call, fakeClock, orderBody, orderPath, relaxedLimits } from './test-support';

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options?: BambooSandboxOptions): Promise<BambooSandbox> {
  sandbox = await startBambooSandbox(options);
  return sandbox;
}

const body = () => orderBody([{ ProductId: ids.usdVariable, Quantity: 2, Value: 10 }]);

async function raw(
  s: BambooSandbox,
  method: 'GET' | 'POST',
  path: string,
  json?: unknown,
  signal?: AbortSignal,
) {
  const res = await request(`${s.url}${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('startBambooSandbox as a VendorSandbox', () => {
  it('malformed_json takes the order and answers 200 with a body that is not JSON', async () => {
    const s = await start({ limits: relaxedLimits });
    s.faults.next({ kind: 'malformed_json' }, { operation: 'placeOrder' });
    const order = body();
    const answer = await raw(s, 'POST', CHECKOUT, order);
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(s.orders.get(order.RequestId)?.requestId).toBe(order.RequestId);
  });

  it('wrong_shape answers Get Order with well-formed JSON of another shape', async () => {
    const s = await start({ limits: relaxedLimits });
    const order = body();
    expect((await call(s, 'POST', CHECKOUT, order)).status).toBe(200);
    s.faults.next({ kind: 'wrong_shape' }, { operation: 'getOrder' });
    expect(await call(s, 'GET', orderPath(order.RequestId))).toMatchObject({
      status: 200,
      json: { unexpected: true },
    });
    expect((await call(s, 'GET', orderPath(order.RequestId))).json).toMatchObject({
      requestId: order.RequestId,
    });
  });

  it('slower_than takes the order but answers after a client timing out at timeoutMs gave up', async () => {
    const s = await start({ limits: relaxedLimits });
    s.faults.next({ kind: 'slower_than', timeoutMs: 150 }, { operation: 'placeOrder' });
    const order = body();
    await expect(raw(s, 'POST', CHECKOUT, order, AbortSignal.timeout(150))).rejects.toThrow();
    expect(s.orders.get(order.RequestId)).toBeDefined();
  });

  it('takes `operation` and the deprecated `route` alike', async () => {
    const s = await start();
    s.faults.next({ kind: 'status', status: 502 }, { operation: 'listProducts' });
    s.faults.next({ kind: 'status', status: 504 }, { route: 'accounts' });
    expect((await call(s, 'GET', '/api/integration/v1.0/accounts')).status).toBe(504);
    expect((await call(s, 'GET', '/api/integration/v2.0/catalog')).status).toBe(502);
    expect((await call(s, 'GET', '/api/integration/v2.0/catalog')).status).toBe(200);
  });

  it('counts calls per operation and summarizes orders in shared words', async () => {
    const clock = fakeClock();
    const s = await start({ clock, limits: relaxedLimits });
    const order = body();
    await call(s, 'POST', CHECKOUT, order);
    await call(s, 'GET', orderPath(order.RequestId));
    await call(s, 'GET', orderPath(order.RequestId));
    await call(s, 'GET', '/api/integration/v1.0/notification');
    await call(s, 'GET', '/api/integration/v1.0/accounts', undefined, null);
    expect([s.calls('placeOrder'), s.calls('getOrder'), s.calls('getBalance'), s.calls('any')]).toEqual([
      1, 2, 0, 4,
    ]);
    expect(s.placeOrderCalls).toBe(1);
    const [pending] = s.orders();
    expect(pending).toMatchObject({
      reference: order.RequestId,
      status: 'Created',
      final: false,
      cardsIssued: 0,
    });
    clock.advance(300);
    await s.settle();
    expect(s.orders()).toEqual([
      {
        id: String(s.orders.get(order.RequestId)?.orderId),
        reference: order.RequestId,
        status: 'Succeeded',
        final: true,
        cardsRequested: 2,
        cardsIssued: 2,
        charged: { amount: '20', currency: 'USD' },
      },
    ]);
    expect(s.issuedSecrets(order.RequestId).codes).toHaveLength(2);
    expect(s.issuedSecrets().urls).toEqual([]);
  });

  it('clientSettings() is all a Bamboo client needs to place an order here', async () => {
    const s = await start({
      scenario: { processingAfterMs: 5, settleAfterMs: 10 },
      notification: { secretKey: 'callback-secret' },
    });
    const settings = s.clientSettings();
    expect(settings).toEqual({
      baseUrl: s.url,
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      accountId: 555,
      notificationSecret: 'callback-secret',
    });
    const bamboo = createBamboo({ ...settings, env: {} });
    const reference = randomUUID();
    await bamboo.placeOrder({
      reference,
      lines: [
        { productId: String(ids.usdVariable), quantity: 1, faceValue: { amount: '10', currency: 'USD' } },
      ],
    });
    let order = await bamboo.getOrder({ reference });
    while (!isFinal(order.status)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order = await bamboo.getOrder({ reference });
    }
    expect(order.status).toBe('fulfilled');
    expect(order.lines[0]?.vouchers[0]?.code?.reveal()).toBe(s.issuedSecrets(reference).codes[0]);
    expect(s.vendor).toBe('bamboo');
  });
});
