import { computeHmac } from '@giftwire/http';

export interface StarshipRequestToSign {
  method: string;
  /** The request target as sent: path and query string, e.g. `/api/v1/orders?page=2`. */
  path: string;
  /** The body text exactly as sent; empty without a body. */
  body?: string | undefined;
  /** Unix seconds. */
  timestamp: number;
}

/**
 * Starship's optional request signature: `X-Timestamp` (unix seconds, accepted within ±5 minutes) and
 * `X-Signature: t=<ts>,v1=<hex HMAC-SHA256(secret, ts + METHOD + path + body)>`. The rule, pinned here and in
 * the sandbox alike: METHOD upper-case, path is the request target with its query string, body the exact
 * bytes sent (nothing for a GET), concatenated without separators.
 *
 * @example
 * signStarshipRequest('secret', { method: 'GET', path: '/api/v1/orders/12345', timestamp: 1700000000 });
 * // { 'x-timestamp': '1700000000', 'x-signature': 't=1700000000,v1=…' }
 */
export function signStarshipRequest(secret: string, request: StarshipRequestToSign): Record<string, string> {
  const ts = String(request.timestamp);
  const payload = `${ts}${request.method.toUpperCase()}${request.path}${request.body ?? ''}`;
  const v1 = computeHmac({ secret, payload, algorithm: 'sha256', encoding: 'hex' });
  return { 'x-timestamp': ts, 'x-signature': `t=${ts},v1=${v1}` };
}
