import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxServer, startSandboxServer } from './start-sandbox-server';

let server: SandboxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let placed = 0;
async function start(options: { caseSensitive?: boolean; trailingSlash?: 'strict' | 'ignore' } = {}) {
  placed = 0;
  server = await startSandboxServer({
    ...options,
    maxBodyBytes: 64,
    slowMarginMs: 50,
    authorize: (req) => (req.headers['x-key'] === 'k' ? undefined : { status: 401, body: { error: 'auth' } }),
    routes: [
      {
        method: 'POST',
        path: '/orders',
        operation: 'placeOrder',
        readBody: true,
        handle: ({ body }) => {
          placed++;
          return { status: 201, body: { id: 'o1', got: body } };
        },
      },
      {
        method: 'GET',
        path: '/orders/:id',
        operation: 'getOrder',
        handle: ({ params }) => ({ status: 200, body: { id: params.id } }),
      },
      { method: 'GET', path: '/ping', handle: () => ({ status: 200, body: 'pong' }) },
      {
        method: 'GET',
        path: '/page',
        handle: () => ({ status: 403, text: '<html><body>Access denied</body></html>' }),
      },
    ],
  });
  return server;
}

async function send(method: 'GET' | 'POST', path: string, body?: string, key = 'k') {
  const res = await request(`${server!.url}${path}`, { method, headers: { 'x-key': key }, body });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('startSandboxServer', () => {
  it('routes by method and pattern, with params, 404 and 405, behind the auth hook', async () => {
    await start();
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await send('GET', '/orders/a%2Fb')).toMatchObject({ status: 200, text: '{"id":"a/b"}' });
    expect((await send('POST', '/orders', '{"x":1}')).text).toBe('{"id":"o1","got":{"x":1}}');
    expect((await send('POST', '/orders', 'not json')).text).toBe('{"id":"o1"}');
    expect((await send('GET', '/orders')).status).toBe(405);
    expect((await send('GET', '/nowhere')).status).toBe(404);
    expect((await send('GET', '/Orders/1')).status).toBe(404);
    expect((await send('GET', '/ping/')).status).toBe(404);
    expect(await send('GET', '/ping', undefined, 'wrong')).toMatchObject({
      status: 401,
      text: '{"error":"auth"}',
    });
    expect((await send('POST', '/orders', 'x'.repeat(65))).status).toBe(413);
    expect(server!.calls('placeOrder')).toBe(3);
    expect(server!.calls('getOrder')).toBe(1);
    expect(server!.calls('any')).toBe(4);
  });

  it('sends a text reply verbatim, as HTML unless it names another content type', async () => {
    await start();
    const page = await send('GET', '/page');
    expect(page).toMatchObject({ status: 403, text: '<html><body>Access denied</body></html>' });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('matches case-insensitively and ignores a trailing slash when the vendor does', async () => {
    await start({ caseSensitive: false, trailingSlash: 'ignore' });
    expect(await send('GET', '/ORDERS/Ab/')).toMatchObject({ status: 200, text: '{"id":"Ab"}' });
  });

  it('applies status faults with Retry-After for 429/503, per operation and times', async () => {
    await start();
    server!.faults.next({ kind: 'status', status: 503 }, { operation: 'placeOrder', times: 2 });
    expect((await send('GET', '/orders/1')).status).toBe(200);
    const first = await send('POST', '/orders', '{}');
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('1');
    expect((await send('POST', '/orders', '{}')).status).toBe(503);
    expect((await send('POST', '/orders', '{}')).status).toBe(201);
    expect(placed).toBe(1);
    server!.faults.next({ kind: 'status', status: 400, body: { e: 1 }, headers: { 'x-a': 'b' } });
    const custom = await send('GET', '/ping');
    expect(custom).toMatchObject({ status: 400, text: '{"e":1}' });
    expect(custom.headers['x-a']).toBe('b');
    expect(custom.headers['retry-after']).toBeUndefined();
  });

  it('reset serves nothing; drop_response serves and then drops the connection', async () => {
    await start();
    server!.faults.next({ kind: 'reset' });
    await expect(send('POST', '/orders', '{}')).rejects.toThrow();
    expect(placed).toBe(0);
    server!.faults.next({ kind: 'drop_response' });
    await expect(send('POST', '/orders', '{}')).rejects.toThrow();
    expect(placed).toBe(1);
  });

  it('malformed_json, wrong_shape, rewrite and status_after_processing serve the request first', async () => {
    await start();
    server!.faults.next({ kind: 'malformed_json' });
    const malformed = await send('POST', '/orders', '{}');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    server!.faults.next({ kind: 'wrong_shape' });
    expect((await send('POST', '/orders', '{}')).text).toBe('{"unexpected":true}');
    server!.faults.next({ kind: 'wrong_shape', body: [1] });
    expect((await send('POST', '/orders', '{}')).text).toBe('[1]');
    server!.faults.next({ kind: 'rewrite', rewrite: (body) => ({ ...(body as object), id: 'other' }) });
    expect(JSON.parse((await send('POST', '/orders', '{}')).text)).toMatchObject({ id: 'other' });
    server!.faults.next({ kind: 'status_after_processing', status: 504 });
    expect(await send('POST', '/orders', '{}')).toMatchObject({
      status: 504,
      text: '{"message":"Injected fault: HTTP 504"}',
    });
    expect(placed).toBe(5);
  });

  it('slower_than serves at once but answers only after the timeout a client would give up at', async () => {
    await start();
    server!.faults.next({ kind: 'slower_than', timeoutMs: 100 }, { operation: 'placeOrder' });
    const res = request(`${server!.url}/orders`, {
      method: 'POST',
      headers: { 'x-key': 'k' },
      body: '{}',
      signal: AbortSignal.timeout(100),
    });
    await expect(res).rejects.toThrow();
    expect(placed).toBe(1);
  });

  it('close() aborts a request waiting out latency, and is idempotent', async () => {
    await start();
    server!.faults.next({ kind: 'latency', ms: 60_000 });
    const pending = send('GET', '/ping');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = server!.close();
    expect(server!.close()).toBe(closing);
    await closing;
    await expect(pending).rejects.toThrow();
    server = undefined;
  });
});
