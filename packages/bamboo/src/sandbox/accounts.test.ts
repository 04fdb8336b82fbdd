import { afterEach, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from './start-bamboo-sandbox';
import { AUTH, CHECKOUT, call, orderBody, orderPath } from './test-support';

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Basic auth', () => {
  it('answers 401 without credentials or with wrong ones, on every route', async () => {
    sandbox = await startBambooSandbox();
    const wrong = `Basic ${Buffer.from('sandbox-client:nope').toString('base64')}`;
    const routes: ['GET' | 'POST', string][] = [
      ['GET', '/api/integration/v1.0/accounts'],
      ['GET', '/api/integration/v2.0/catalog'],
      ['POST', CHECKOUT],
      ['GET', orderPath('71ac2817-e51a-438a-bb7b-5ffdda23603c')],
      ['GET', '/api/integration/v1.0/notification'],
    ];
    for (const [method, path] of routes) {
      for (const authorization of [null, wrong, 'Bearer abc']) {
        const res = await call(
          sandbox,
          method,
          path,
          method === 'POST' ? orderBody([]) : undefined,
          authorization,
        );
        expect(res.status, `${method} ${path} ${authorization}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Basic');
      }
    }
    expect(sandbox.placeOrderCalls).toBe(0);
  });

  it('accepts configured credentials', async () => {
    sandbox = await startBambooSandbox({ clientId: 'shop-1', clientSecret: 's3cret:with-colon' });
    const auth = `Basic ${Buffer.from('shop-1:s3cret:with-colon').toString('base64')}`;
    expect((await call(sandbox, 'GET', '/api/integration/v1.0/accounts', undefined, auth)).status).toBe(200);
    expect((await call(sandbox, 'GET', '/api/integration/v1.0/accounts', undefined, AUTH)).status).toBe(401);
  });

  it('listens on 127.0.0.1 and answers 404 for unknown paths', async () => {
    sandbox = await startBambooSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(sandbox, 'GET', '/api/integration/v1.0/nope')).status).toBe(404);
    expect((await call(sandbox, 'GET', CHECKOUT)).status).toBe(405);
  });
});

describe('GET accounts', () => {
  it('lists the default accounts with JSON-number balances', async () => {
    sandbox = await startBambooSandbox();
    const res = await call(sandbox, 'GET', '/api/integration/v1.0/accounts');
    expect(res.status).toBe(200);
    const { accounts } = res.json as { accounts: Record<string, unknown>[] };
    expect(accounts[0]).toEqual({
      id: 555,
      currency: 'USD',
      balance: 100000,
      isActive: true,
      sandboxMode: true,
    });
    expect(accounts.some((a) => a.isActive === false)).toBe(true);
    expect(accounts.some((a) => a.sandboxMode === false)).toBe(true);
    expect(accounts.some((a) => a.currency === 'EUR')).toBe(true);
  });

  it('uses configured accounts and keeps decimal balances exact', async () => {
    sandbox = await startBambooSandbox({ accounts: [{ id: 9, currency: 'gbp', balance: '12.34' }] });
    const res = await call(sandbox, 'GET', '/api/integration/v1.0/accounts');
    expect(res.json).toEqual({
      accounts: [{ id: 9, currency: 'GBP', balance: 12.34, isActive: true, sandboxMode: true }],
    });
    expect(sandbox.balance(9)).toBe('12.34');
    expect(() => sandbox?.balance(10)).toThrow(RangeError);
  });
});
