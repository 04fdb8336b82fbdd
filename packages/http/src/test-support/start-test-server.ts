import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** `Date.now()` when the whole request had arrived. */
  at: number;
}

export type TestHandler = (request: RecordedRequest, res: ServerResponse, req: IncomingMessage) => void;

export interface TestServer {
  url: string;
  /** Answers requests whose path (without query) is `path`; replaces an earlier handler for it. */
  route(path: string, handler: TestHandler): void;
  /** Requests received so far on `path`. */
  requests(path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, on a free port, for tests that need real sockets. */
export async function startTestServer(): Promise<TestServer> {
  const handlers = new Map<string, TestHandler>();
  const received = new Map<string, RecordedRequest[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const list = received.get(path) ?? [];
      list.push(recorded);
      received.set(path, list);
      const handler = handlers.get(path);
      if (handler) handler(recorded, res, req);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, handler) => handlers.set(path, handler),
    requests: (path) => received.get(path) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        // Tests leave requests hanging on purpose (timeouts); close them rather than wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago and has nothing listening on it: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
