import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's own copy of Starship's signing rules (it never imports the client's):
 * requests — `X-Signature: t=<ts>,v1=<hex HMAC-SHA256(secret, ts + METHOD + path + body)>`, path with its
 * query string, `X-Timestamp` within ±5 minutes; webhooks — hex HMAC-SHA256 of `timestamp + "." + body`.
 */
export function starshipSandboxSignature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export function checkRequestSignature(
  secret: string,
  request: { method: string; target: string; body: string; timestamp?: string; signature?: string },
  nowMs: number,
): boolean {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp.trim())) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const parts = Object.fromEntries(
    signature.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  if (parts.t !== timestamp.trim() || typeof parts.v1 !== 'string' || !/^[0-9a-f]{64}$/i.test(parts.v1))
    return false;
  const expected = Buffer.from(
    starshipSandboxSignature(
      secret,
      `${parts.t}${request.method.toUpperCase()}${request.target}${request.body}`,
    ),
    'hex',
  );
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}
