import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks an `Authorization: Basic …` header against the configured credentials. Both sides are hashed
 * before comparing so the comparison is constant-time even when the lengths differ.
 *
 * @example
 * checkBasicAuth(req.headers.authorization, "sandbox-client", "sandbox-secret"); // true or false
 */
export function checkBasicAuth(header: string | undefined, clientId: string, clientSecret: string): boolean {
  if (!header) return false;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  return timingSafeEqual(digest(given), digest(`${clientId}:${clientSecret}`));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
