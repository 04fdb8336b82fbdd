import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiReply, BambooApi } from './bamboo-api';
import { isAuthorized } from './basic-auth';
import type { FaultQueue, FaultRoute } from './faults';

const MAX_BODY_BYTES = 1024 * 1024;
const ORDERS_PREFIX = '/api/integration/v1.0/orders/';

export interface SandboxServerDeps {
  api: BambooApi;
  faults: FaultQueue;
  clientId: string;
  clientSecret: string;
}

interface RouteMatch {
  /** Undefined for routes only an `any` fault reaches. */
  faultRoute: Exclude<FaultRoute, 'any'> | undefined;
  /** Undefined when the path exists but not for this method. */
  run: ((body: unknown) => ApiReply) | undefined;
  readsBody: boolean;
}

/**
 * HTTP in front of {@link BambooApi}: routing, Basic auth, injected faults, JSON in and out. `close()` aborts
 * requests still waiting out an injected latency.
 */
export function createSandboxHandler(deps: SandboxServerDeps): {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
} {
  const closing = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (!isAuthorized(req.headers.authorization, deps.clientId, deps.clientSecret)) {
      send(res, { status: 401, body: { message: 'Unauthorized' }, headers: { 'www-authenticate': 'Basic' } });
      return;
    }
    const match = matchRoute(req.method ?? 'GET', url, deps.api);
    if (!match) {
      send(res, { status: 404, body: { message: 'Not found' } });
      return;
    }
    if (!match.run) {
      send(res, { status: 405, body: { message: 'Method not allowed' } });
      return;
    }
    if (match.faultRoute === 'placeOrder') deps.api.placeOrderCalls++;

    const fault = deps.faults.take(match.faultRoute);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      send(res, {
        status: fault.status,
        body: fault.body ?? { message: `Injected fault: HTTP ${fault.status}` },
        headers: fault.status === 429 || fault.status === 503 ? { 'retry-after': '1' } : {},
      });
      return;
    }
    if (fault?.kind === 'latency') await sleep(fault.ms, undefined, { signal: closing.signal });

    const body = match.readsBody ? await readJsonBody(req) : undefined;
    if (body === TOO_LARGE) {
      send(res, { status: 413, body: { message: 'Request body too large' } });
      return;
    }
    let reply = match.run(body);
    if (fault?.kind === 'rewrite') reply = { ...reply, body: fault.rewrite(structuredClone(reply.body)) };
    if (fault?.kind === 'drop_response') {
      // The order (if any) is taken; the client only sees its connection die.
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status_after_processing') {
      // The order (if any) is taken; the client only sees the injected answer.
      send(res, {
        status: fault.status,
        body: fault.body ?? { message: `Injected fault: HTTP ${fault.status}` },
      });
      return;
    }
    send(res, reply);
  }

  return {
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        if (closing.signal.aborted) {
          req.socket.destroy();
          return;
        }
        console.error('[bamboo-sandbox] request failed:', error instanceof Error ? error.message : error);
        if (!res.headersSent) send(res, { status: 500, body: { message: 'Sandbox error' } });
        else res.destroy();
      });
    },
    close() {
      closing.abort();
    },
  };
}

/** ASP.NET routes match case-insensitively and ignore a trailing slash; so does the sandbox. */
function matchRoute(method: string, url: URL, api: BambooApi): RouteMatch | undefined {
  const pathname = url.pathname.replace(/\/+$/, '');
  const path = pathname.toLowerCase();
  const only = (wanted: string, run: (body: unknown) => ApiReply) => (method === wanted ? run : undefined);

  if (path === '/api/integration/v1.0/accounts') {
    return { faultRoute: 'accounts', run: only('GET', () => api.accounts()), readsBody: false };
  }
  if (path === '/api/integration/v2.0/catalog') {
    return {
      faultRoute: 'catalog',
      run: only('GET', () => api.catalogQuery(url.searchParams)),
      readsBody: false,
    };
  }
  if (path === '/api/integration/v1.0/orders/checkout') {
    return { faultRoute: 'placeOrder', run: only('POST', (body) => api.placeOrder(body)), readsBody: true };
  }
  if (path.startsWith(ORDERS_PREFIX) && !path.slice(ORDERS_PREFIX.length).includes('/')) {
    let id = decodeURIComponent(pathname.slice(ORDERS_PREFIX.length));
    // The docs' own curl calls `/orders/:id?id=<RequestId>` literally; accept that form too.
    if (id === ':id') id = url.searchParams.get('id') ?? '';
    return { faultRoute: 'getOrder', run: only('GET', () => api.getOrder(id)), readsBody: false };
  }
  if (path === '/api/integration/v1.0/notification') {
    if (method === 'POST')
      return { faultRoute: undefined, run: (body) => api.setNotification(body), readsBody: true };
    return { faultRoute: undefined, run: only('GET', () => api.getNotification()), readsBody: false };
  }
  return undefined;
}

const TOO_LARGE = Symbol('too large');

/** The parsed JSON body, undefined when it is empty or not JSON (validation then says InvalidRequest). */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: ApiReply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}
