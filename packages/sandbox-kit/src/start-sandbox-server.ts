import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { VendorOperation } from '@giftwire/core';
import { FaultQueue } from './fault-queue';
import { matchRoute, type RouteTableOptions } from './match-route';
import { BODY_TOO_LARGE, readJsonBody } from './read-json-body';
import type { SandboxReply } from './sandbox-reply';
import type { SandboxRoute } from './sandbox-route';

export interface SandboxServerOptions extends RouteTableOptions {
  routes: readonly SandboxRoute[];
  /** Default 0: a free port. Always 127.0.0.1. */
  port?: number;
  /** Answers a request it refuses (401 …), or undefined to let it through. Runs before routing. */
  authorize?(req: IncomingMessage): SandboxReply | undefined;
  /** Default a new queue; pass one to share it. */
  faults?: FaultQueue;
  /** Default 1 MiB; larger bodies get `replies.tooLarge`. */
  maxBodyBytes?: number;
  /** How much later than `timeoutMs` a `slower_than` fault answers (default 250 ms). */
  slowMarginMs?: number;
  /** The vendor's bodies for the server's own answers. */
  replies?: {
    notFound?: SandboxReply;
    methodNotAllowed?: SandboxReply;
    tooLarge?: SandboxReply;
    /** Body of an injected `status` / `status_after_processing` fault that names none. */
    injected?(status: number): unknown;
    error?: SandboxReply;
  };
  /** Prefix of the one line logged when a handler throws (default `[sandbox]`). */
  name?: string;
}

export interface SandboxServer {
  readonly url: string;
  readonly faults: FaultQueue;
  /** Authenticated, routed requests of `operation` so far (`any`: all of them), faulted ones included. */
  calls(operation: VendorOperation): number;
  /** Aborts faults being waited out, closes every socket. Idempotent. */
  close(): Promise<void>;
}

const json = (status: number, message: string): SandboxReply => ({ status, body: { message } });

/**
 * An HTTP server for a vendor sandbox: a route table, an auth hook, JSON in and out, and every
 * {@link SandboxFault} kind applied generically, so a vendor writes only its routes.
 *
 * @example
 * const server = await startSandboxServer({
 *   authorize: (req) => (req.headers['x-api-key'] === 'key' ? undefined : { status: 401 }),
 *   routes: [{ method: 'GET', path: '/balance', operation: 'getBalance', handle: () => ({ status: 200, body: { amount: '10' } }) }],
 * });
 * server.faults.next({ kind: 'status', status: 503 }, { operation: 'getBalance' });
 * await server.close();
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const table = matchRoute(options.routes, options);
  const faults = options.faults ?? new FaultQueue();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const replies = {
    notFound: options.replies?.notFound ?? json(404, 'Not found'),
    methodNotAllowed: options.replies?.methodNotAllowed ?? json(405, 'Method not allowed'),
    tooLarge: options.replies?.tooLarge ?? json(413, 'Request body too large'),
    error: options.replies?.error ?? json(500, 'Sandbox error'),
    injected:
      options.replies?.injected ?? ((status: number) => ({ message: `Injected fault: HTTP ${status}` })),
  };
  const counts = new Map<VendorOperation, number>();
  const closing = new AbortController();
  const wait = (ms: number) => sleep(ms, undefined, { signal: closing.signal });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const refused = options.authorize?.(req);
    if (refused) return send(res, refused);
    const method = req.method ?? 'GET';
    const match = table.match(method, url.pathname);
    if (!match) return send(res, replies.notFound);
    const { route } = match;
    if (!route) return send(res, replies.methodNotAllowed);
    counts.set('any', (counts.get('any') ?? 0) + 1);
    if (route.operation) counts.set(route.operation, (counts.get(route.operation) ?? 0) + 1);

    const fault = faults.take(route.operation);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      const retryAfter: Record<string, string> =
        fault.status === 429 || fault.status === 503 ? { 'retry-after': '1' } : {};
      return send(res, {
        status: fault.status,
        body: fault.body ?? replies.injected(fault.status),
        headers: { ...retryAfter, ...fault.headers },
      });
    }
    if (fault?.kind === 'latency') await wait(fault.ms);

    const body = route.readBody ? await readJsonBody(req, maxBody) : undefined;
    if (body === BODY_TOO_LARGE) return send(res, replies.tooLarge);
    const reply = await route.handle({ method, url, params: match.params, body, headers: req.headers });

    switch (fault?.kind) {
      case 'rewrite':
        return send(res, { ...reply, body: fault.rewrite(structuredClone(reply.body)) });
      case 'drop_response':
        // The request was served (an order taken); the client only sees its connection die.
        req.socket.destroy();
        return;
      case 'status_after_processing':
        return send(res, { status: fault.status, body: fault.body ?? replies.injected(fault.status) });
      case 'malformed_json':
        return sendText(res, 200, '{"unexpected": tru');
      case 'wrong_shape':
        return send(res, { status: 200, body: fault.body ?? { unexpected: true } });
      case 'slower_than':
        await wait(fault.timeoutMs + (options.slowMarginMs ?? 250));
        return send(res, reply);
      default:
        return send(res, reply);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) {
        req.socket.destroy();
        return;
      }
      console.error(
        `${options.name ?? '[sandbox]'} request failed:`,
        error instanceof Error ? error.message : error,
      );
      if (!res.headersSent) send(res, replies.error);
      else res.destroy();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    calls: (operation) => counts.get(operation) ?? 0,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

function send(res: ServerResponse, reply: SandboxReply): void {
  if (reply.text !== undefined) {
    sendText(res, reply.status, reply.text, { 'content-type': 'text/html; charset=utf-8', ...reply.headers });
    return;
  }
  sendText(res, reply.status, reply.body === undefined ? '' : JSON.stringify(reply.body), reply.headers);
}

function sendText(res: ServerResponse, status: number, text: string, headers?: Record<string, string>): void {
  if (res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
