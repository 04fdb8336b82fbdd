import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RecordedRequest, startRecordingServer } from '@giftwire/test-kit';

export type { RecordedRequest };

export type TestHandler = (request: RecordedRequest, res: ServerResponse, req: IncomingMessage) => void;

export interface TestServer {
  url: string;
  /** Answers requests whose path (without query) is `path`; replaces an earlier handler for it. */
  route(path: string, handler: TestHandler): void;
  /** Requests received so far on `path`. */
  requests(path: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * test-kit's recording server with one handler per path (404 elsewhere), for the client's tests. Handlers
 * answer `res` themselves, or leave it hanging on purpose (timeouts); `close()` cuts what is left open.
 */
export async function startTestServer(): Promise<TestServer> {
  const handlers = new Map<string, TestHandler>();
  const server = await startRecordingServer({
    respond: (request, res, req) => {
      const handler = handlers.get(request.path);
      if (!handler) return { status: 404 };
      handler(request, res, req);
      return 'handled';
    },
  });
  return {
    url: server.url,
    route: (path, handler) => handlers.set(path, handler),
    requests: server.requestsTo,
    close: server.close,
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
