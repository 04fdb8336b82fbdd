import type { IncomingMessage } from 'node:http';

/** Returned by {@link readJsonBody} when the body is larger than allowed. */
export const BODY_TOO_LARGE = Symbol('body too large');

/**
 * The parsed JSON body, or undefined when it is empty or not JSON (a vendor's validation then refuses it).
 *
 * @example
 * const body = await readJsonBody(req, 1024 * 1024);
 * if (body === BODY_TOO_LARGE) return { status: 413 };
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return BODY_TOO_LARGE;
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
