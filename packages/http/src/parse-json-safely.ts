export type SafeJsonResult = { ok: true; value: unknown } | { ok: false };

/**
 * The one place vendor text goes through `JSON.parse`. It never throws, because a SyntaxError's message
 * quotes the offending text, and vendor text may hold voucher codes.
 */
export function parseJsonSafely(text: string): SafeJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
