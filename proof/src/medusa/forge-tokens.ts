import { createHmac } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A customer's bearer token re-signed (HS256, as Medusa signs them) with `claims` changed: the same customer,
 * expired an hour ago, or signed with a key the app does not hold.
 *
 * @example
 * const expired = reSignToken(owner.token, medusa.secrets.jwt, { exp: now() - 3_600 });
 */
export function reSignToken(token: string, secret: string, claims: Record<string, unknown>): string {
  const [, payload = ''] = token.split('.');
  const body = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...claims };
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(body))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Unix seconds now. */
export const unixNow = () => Math.floor(Date.now() / 1000);
