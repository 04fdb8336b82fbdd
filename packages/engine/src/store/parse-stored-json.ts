import type { DbTimestamp } from './row-values';

/** A timestamp column read back, in `Date#toISOString()` form. */
export function isoTimestamp(value: DbTimestamp): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Reads back JSON this module wrote (never outside input), so a parse failure means a damaged row. */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error('giftwire store: a JSON column holds invalid JSON', { cause: error });
  }
}
