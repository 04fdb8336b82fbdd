/**
 * Bamboo writes timestamps ISO-like, without a zone and with seven fractional digits
 * ("2024-05-16T04:36:35.3673422"); the sandbox writes UTC the same way so clients parse the real shape.
 */
export function formatVendorTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}0000`;
}

/** Reads the vendor format back (assumed UTC), or a full ISO string, for the catalog's ModifiedDate filter. */
export function parseVendorTime(text: string): number | undefined {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
