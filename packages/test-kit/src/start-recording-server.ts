import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WaitForOptions, waitFor } from './wait-for';

/** One request exactly as it arrived. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query (`/hooks/bamboo`). */
  readonly path: string;
  /** Path and query as sent (`/hooks/bamboo?x=1`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body byte for byte, for signature checks. */
  readonly rawBody: Buffer;
  /** The body decoded as UTF-8. */
  readonly body: string;
  /** `Date.now()` once the whole body had arrived. */
  readonly at: number;
  /** The status the server answered (set once it has); undefined while a response is pending. */
  status?: number;
}

/** What to answer; a plain object or array body is sent as JSON. */
export interface RecordingAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/**
 * Decides the answer to one request. Returning nothing answers 204 — unless the function already wrote to
 * `res`. Returning `'handled'` leaves `res` to the function entirely (it answers later, or never: a hanging
 * request for timeout tests, which `close()` cuts).
 */
export type Responder = (
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
) => RecordingAnswer | 'handled' | undefined | Promise<RecordingAnswer | 'handled' | undefined>;

export interface RecordingServerOptions {
  respond?: Responder;
  /** Answers this many first requests 500 before `respond` sees any: a receiver that is down for a while. */
  failFirst?: number;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request so far, refused ones included, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests answered 2xx. */
  accepted(): RecordedRequest[];
  /** Requests whose path (without query) is `path`. */
  requestsTo(path: string): RecordedRequest[];
  /** Replaces the responder for the requests to come. */
  respondWith(respond: Responder): void;
  /** Resolves once `count` requests (matching `filter`, if given) have arrived and been answered. */
  waitForRequests(
    count: number,
    options?: WaitForOptions & { filter?: (request: RecordedRequest) => boolean },
  ): Promise<RecordedRequest[]>;
  /** Cuts open connections (hanging requests too) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port that records every request — method, path, headers,
 * raw body — and answers as told: a webhook receiver, a fake vendor endpoint, a flaky callback target.
 *
 * @example
 * const hooks = await startRecordingServer({ failFirst: 2 });
 * const sandbox = await startBambooSandbox({ notificationUrl: `${hooks.url}/hooks` });
 * const [delivery] = await hooks.waitForRequests(3); // two refused, then one accepted
 * await hooks.close();
 */
export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  let respond: Responder = options.respond ?? (() => undefined);
  let toFail = options.failFirst ?? 0;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const url = req.url ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.split('?')[0] ?? '/',
        url,
        headers: req.headers,
        rawBody,
        body: rawBody.toString('utf8'),
        at: Date.now(),
      };
      requests.push(recorded);
      res.on('finish', () => {
        recorded.status = res.statusCode;
      });
      if (toFail > 0) {
        toFail--;
        res.writeHead(500).end();
        return;
      }
      Promise.resolve()
        .then(() => respond(recorded, res, req))
        .then((answer) => {
          if (answer === 'handled' || res.headersSent || res.writableEnded) return;
          send(res, answer ?? { status: 204 });
        })
        .catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => requests.filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300),
    requestsTo: (path) => requests.filter((r) => r.path === path),
    respondWith(next) {
      respond = next;
    },
    async waitForRequests(count, { filter = () => true, ...waitOptions } = {}) {
      return waitFor(
        () => {
          const matching = requests.filter((r) => filter(r) && r.status !== undefined);
          return matching.length >= count && matching.slice(0, count);
        },
        { message: () => `${count} requests (got ${requests.filter(filter).length})`, ...waitOptions },
      );
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, { status = 200, headers = {}, body }: RecordingAnswer): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
  } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.writeHead(status, headers).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}
