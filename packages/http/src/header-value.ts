/** Headers as Node (`IncomingHttpHeaders`), undici and most frameworks hand them over, or a fetch `Headers`. */
export type HeaderSource =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null };

/**
 * Reads one header whatever the casing of its name. A repeated header yields its first value: for the
 * signature headers this is used for, a second copy is never legitimate.
 */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (isHeadersLike(headers)) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  let value = headers[wanted];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === wanted) {
        value = headers[key];
        break;
      }
    }
  }
  return typeof value === 'string' ? value : value?.[0];
}

function isHeadersLike(headers: HeaderSource): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}
