/** Headers of a captured request as a client can send them again: one string each, minus the connection's own. */
export function forwardableHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // These describe the connection and the body's framing; fetch sets its own.
    if (value === undefined || ['host', 'content-length', 'connection'].includes(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
