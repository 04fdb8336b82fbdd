import { afterEach, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from './index';
import { CHECKOUT, call, orderBody, orderPath, relaxedLimits } from './test-support';

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<BambooSandbox> {
  sandbox = await startBambooSandbox({ limits: relaxedLimits });
  return sandbox;
}

const body = () => orderBody([{ ProductId: 439685, Quantity: 1, Value: 10 }]);

describe('faults', () => {
  it('latency delays the answer', async () => {
    const s = await start();
    s.faults.next({ kind: 'latency', ms: 150 }, { route: 'accounts' });
    const started = performance.now();
    expect((await call(s, 'GET', '/api/integration/v1.0/accounts')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const again = performance.now();
    await call(s, 'GET', '/api/integration/v1.0/accounts');
    expect(performance.now() - again).toBeLessThan(100);
  });

  it('status answers without processing, `times` times, then normal service resumes', async () => {
    const s = await start();
    s.faults.next({ kind: 'status', status: 503 }, { route: 'placeOrder', times: 2 });
    const order = body();
    const first = await call(s, 'POST', CHECKOUT, order);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('1');
    expect((await call(s, 'POST', CHECKOUT, order)).status).toBe(503);
    expect(s.orders.list()).toHaveLength(0);
    expect((await call(s, 'POST', CHECKOUT, order)).status).toBe(200);
    expect(s.placeOrderCalls).toBe(3);
  });

  it('status can carry a custom body and only hits its route', async () => {
    const s = await start();
    s.faults.next({ kind: 'status', status: 500, body: { message: 'boom' } }, { route: 'getOrder' });
    expect((await call(s, 'GET', '/api/integration/v1.0/accounts')).status).toBe(200);
    const res = await call(s, 'GET', orderPath('71ac2817-e51a-438a-bb7b-5ffdda23603c'));
    expect(res).toMatchObject({ status: 500, json: { message: 'boom' } });
  });

  it('reset destroys the socket and takes no order', async () => {
    const s = await start();
    s.faults.next({ kind: 'reset' });
    const order = body();
    await expect(call(s, 'POST', CHECKOUT, order)).rejects.toThrow();
    expect(s.orders.get(order.RequestId)).toBeUndefined();
    expect(s.balance(555)).toBe('100000');
    expect((await call(s, 'POST', CHECKOUT, order)).status).toBe(200);
  });

  it('drop_response takes the order, then destroys the socket without answering', async () => {
    const s = await start();
    s.faults.next({ kind: 'drop_response' }, { route: 'placeOrder' });
    const order = body();
    await expect(call(s, 'POST', CHECKOUT, order)).rejects.toThrow();
    expect(s.orders.get(order.RequestId)).toMatchObject({ requestId: order.RequestId, charged: '10' });
    expect(s.balance(555)).toBe('99990');
    // The client's retry with the same RequestId learns the order exists; Get Order finds it.
    const retry = await call(s, 'POST', CHECKOUT, order);
    expect(retry.json).toMatchObject({ errors: [{ code: 'OrderAlreadyExists' }] });
    expect((await call(s, 'GET', orderPath(order.RequestId))).status).toBe(200);
  });

  it('rewrite serves the request, then changes the JSON answer (unexpected vendor text)', async () => {
    const s = await start();
    const order = body();
    expect((await call(s, 'POST', CHECKOUT, order)).status).toBe(200);
    s.faults.next(
      { kind: 'rewrite', rewrite: (json) => ({ ...(json as object), errorMessage: 'planted' }) },
      { route: 'getOrder' },
    );
    expect((await call(s, 'GET', orderPath(order.RequestId))).json).toMatchObject({
      requestId: order.RequestId,
      errorMessage: 'planted',
    });
    expect((await call(s, 'GET', orderPath(order.RequestId))).json).toMatchObject({ errorMessage: null });
  });

  it('status_after_processing takes and charges the order, then answers with the injected status', async () => {
    const s = await start();
    s.faults.next(
      { kind: 'status_after_processing', status: 502, body: { message: 'Bad gateway: InsufficientBalance' } },
      { route: 'placeOrder' },
    );
    const order = body();
    const res = await call(s, 'POST', CHECKOUT, order);
    expect(res).toMatchObject({ status: 502, json: { message: 'Bad gateway: InsufficientBalance' } });
    expect(s.orders.get(order.RequestId)).toMatchObject({ requestId: order.RequestId, charged: '10' });
    expect(s.balance(555)).toBe('99990');
  });

  it('clear() disarms pending faults; `any` hits the next route whatever it is', async () => {
    const s = await start();
    s.faults.next({ kind: 'status', status: 502 }, { times: 5 });
    s.faults.clear();
    expect((await call(s, 'GET', '/api/integration/v2.0/catalog')).status).toBe(200);
    s.faults.next({ kind: 'status', status: 502 });
    expect((await call(s, 'GET', '/api/integration/v2.0/catalog')).status).toBe(502);
    expect((await call(s, 'GET', '/api/integration/v2.0/catalog')).status).toBe(200);
  });

  it('close() does not wait for a long injected latency', async () => {
    const s = await start();
    s.faults.next({ kind: 'latency', ms: 60_000 });
    const pending = call(s, 'GET', '/api/integration/v1.0/accounts');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });
});
