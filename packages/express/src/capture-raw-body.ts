import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A `verify` hook for a global body parser: `app.use(express.json({ verify: captureRawBody }))`. It keeps
 * the exact bytes on `req.rawBody`, so webhook signatures (computed over bytes, not parsed JSON) still
 * verify after the global parser consumed the stream.
 */
export function captureRawBody(req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
}
