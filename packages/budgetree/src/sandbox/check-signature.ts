import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's own copy of Budgetree's signing rule, as the client documents it (never imported from it):
 * `METHOD&enc(url)[&enc(body)]`, where url is origin + path with the query pairs sorted by name then value
 * and RFC 3986 encoded, body is JSON with every object's keys sorted (recursively), enc is RFC 3986
 * percent-encoding; HMAC-SHA512 keyed with the client secret, lower-case hex. `dateAtClient` is not signed.
 *
 * @example
 * checkSignature({ secret, method: 'GET', url: 'http://127.0.0.1:4000/rest/v3/orders/x', signature });
 */
export function checkSignature(input: {
  secret: string;
  method: string;
  url: string;
  body?: unknown;
  signature: string | undefined;
}): boolean {
  if (!input.signature || !/^[0-9a-f]{128}$/.test(input.signature)) return false;
  const expected = signatureOf(input.secret, input.method, input.url, input.body);
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(input.signature, 'hex'));
}

/** The expected signature, for tests that sign by hand (the bench's bare requests). */
export function signatureOf(secret: string, method: string, url: string, body?: unknown): string {
  const parsed = new URL(url);
  const pairs = [...parsed.searchParams].sort(([a, av], [b, bv]) =>
    a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1,
  );
  const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const normalized = parsed.origin + parsed.pathname + (query ? `?${query}` : '');
  let base = `${method.toUpperCase()}&${encode(normalized)}`;
  if (body !== undefined) base += `&${encode(JSON.stringify(sorted(body)))}`;
  return createHmac('sha512', secret).update(base, 'utf8').digest('hex');
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
