import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A signed, expiring link to one order's codes, for its owner when they have no account to sign in with (a
 * guest checkout). The token names the order, its expiry and the order's link version; staff revoke every
 * link of an order by bumping that version (kept in the vault). It carries no code: holding it lets the
 * bearer read the codes, as the email it is sent in does.
 *
 * Format: `v1.<order id>.<expiry, unix seconds>.<version>.<base64url HMAC-SHA256>`.
 */
export interface CodesLinkClaims {
  orderId: string;
  /** Unix seconds. */
  expiresAt: number;
  version: number;
}

const PREFIX = 'v1';
const ORDER_ID = /^[A-Za-z0-9_-]{1,100}$/;
const INTEGER = /^\d{1,15}$/;

function mac(key: string, claims: CodesLinkClaims): Buffer {
  // Domain-separated, so a MAC made with this key for anything else never verifies as a link.
  return createHmac('sha256', key)
    .update(`giftwire-codes-link:${PREFIX}:${claims.orderId}:${claims.expiresAt}:${claims.version}`, 'utf8')
    .digest();
}

/**
 * @example
 * const token = signCodesLink(key, { orderId: 'order_01…', expiresAt: now + 30 * 86400, version: 0 });
 */
export function signCodesLink(key: string, claims: CodesLinkClaims): string {
  if (!ORDER_ID.test(claims.orderId))
    throw new Error('giftwire: an order id in a codes link must be URL-safe');
  return [
    PREFIX,
    claims.orderId,
    claims.expiresAt,
    claims.version,
    mac(key, claims).toString('base64url'),
  ].join('.');
}

/**
 * The claims of a token one of `keys` signed, or undefined — for a malformed token, a wrong MAC and (checked
 * by the caller against the vault) a stale version alike, so a refusal never says which. Expiry is checked
 * here against `nowSeconds`.
 */
export function verifyCodesLink(
  keys: readonly string[],
  token: string,
  nowSeconds: number,
): CodesLinkClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 5) return undefined;
  const [prefix, orderId, expiresAt, version, signature] = parts as [string, string, string, string, string];
  if (prefix !== PREFIX || !ORDER_ID.test(orderId) || !INTEGER.test(expiresAt) || !INTEGER.test(version)) {
    return undefined;
  }
  const claims = { orderId, expiresAt: Number(expiresAt), version: Number(version) };
  const given = Buffer.from(signature, 'base64url');
  let valid = false;
  for (const key of keys) {
    const expected = mac(key, claims);
    // Every key is tried (no early exit), each comparison in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
  }
  if (!valid || claims.expiresAt <= nowSeconds) return undefined;
  return claims;
}
