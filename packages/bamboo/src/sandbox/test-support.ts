import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { BambooSandbox } from './start-bamboo-sandbox';

// Helpers shared by the sandbox tests; not part of the package's exports.

export const AUTH = `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`;

/** Limits that never get in the way of tests about something else. */
export const relaxedLimits = { placeOrderSpacingMs: 0, perProductLimit: 1_000_000 };

export function fakeClock(start = Date.parse('2025-01-01T00:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  json: unknown;
}

export async function call(
  sandbox: Pick<BambooSandbox, 'url'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  authorization: string | null = AUTH,
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${sandbox.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers as IncomingHttpHeaders,
    json: text ? JSON.parse(text) : undefined,
  };
}

export const CHECKOUT = '/api/integration/v1.0/orders/checkout';
export const orderPath = (requestId: string) => `/api/integration/v1.0/orders/${requestId}`;

export function orderBody(
  products: { ProductId: number; Quantity: number; Value: number }[],
  accountId = 555,
) {
  return { RequestId: randomUUID(), AccountId: accountId, Products: products };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver; `failFirst` answers 500 to that many requests before accepting. */
export async function startReceiver(failFirst = 0) {
  const received: ReceivedRequest[] = [];
  const seen: ReceivedRequest[] = [];
  let attempts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      attempts++;
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (attempts <= failFirst) {
        res.writeHead(500).end();
        return;
      }
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Every request, refused ones included. */
    seen,
    get attempts() {
      return attempts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
