import { createHmac } from 'node:crypto';

/**
 * The one signing rule this client uses; the sandbox checks exactly this rule (its own copy). Integrators'
 * helpers differ in small ways (NOTES.md), so every choice is written down here and pinned by fixed vectors:
 *
 * 1. URL: the absolute URL as sent — `origin` (scheme, host, port) and the path as it goes on the wire —
 *    with the query's name/value pairs decoded, sorted by name then value (UTF-16 code units), re-encoded
 *    with {@link rfc3986} and joined as `name=value` with `&`. No query: no `?`.
 * 2. Body: JSON with the keys of every object sorted, nested objects included (arrays keep their order),
 *    no whitespace. A request without a body (GET) adds nothing, not even the `&`.
 * 3. Base string: `METHOD&rfc3986(url)` then, with a body, `&rfc3986(body)`. `dateAtClient` is sent as a
 *    header but is NOT part of the base string.
 * 4. Signature: HMAC-SHA512 of the base string (UTF-8) keyed with the client secret, lower-case hex.
 *
 * @example
 * const signature = budgetreeSignature(secret, 'GET', 'https://api.example/rest/v3/orders/abc');
 */
export function budgetreeSignature(secret: string, method: string, url: string, body?: unknown): string {
  return createHmac('sha512', secret)
    .update(budgetreeSignatureBase(method, url, body), 'utf8')
    .digest('hex');
}

/** The string {@link budgetreeSignature} signs (rules 1–3). */
export function budgetreeSignatureBase(method: string, url: string, body?: unknown): string {
  const base = `${method.toUpperCase()}&${rfc3986(normalizeSignedUrl(url))}`;
  return body === undefined ? base : `${base}&${rfc3986(canonicalJson(body))}`;
}

/** Rule 1: origin and path as sent, query pairs sorted and RFC 3986 encoded. */
export function normalizeSignedUrl(url: string): string {
  const parsed = new URL(url);
  const pairs = [...parsed.searchParams.entries()].sort(([a, av], [b, bv]) =>
    a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0,
  );
  const query = pairs.map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).join('&');
  return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}`;
}

/** Rule 2: JSON with every object's keys sorted, recursively. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

/** `encodeURIComponent` plus the five characters RFC 3986 reserves that it leaves alone. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
