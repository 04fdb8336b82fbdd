import { inspect } from 'node:util';

/**
 * What a logger or an error reporter could write for `value`: its `JSON.stringify` (the way pino writes a
 * line, errors with their message, stack and own fields) and its `util.inspect` (the way `console.log` and
 * crash reports do). A leak scan reads both, so a secret hiding in either shows.
 */
export function serializeForScan(value: unknown): string {
  return `${jsonForScan(value)}\n${inspect(value, { depth: 12, showHidden: false, getters: false })}`;
}

/** `JSON.stringify` as pino does it: Errors keep message, stack and own fields; cycles and BigInts survive. */
export function jsonForScan(value: unknown): string {
  const seen = new WeakSet<object>();
  return (
    JSON.stringify(value, function replacer(this: unknown, _key, item: unknown) {
      if (typeof item === 'bigint') return item.toString();
      if (item === null || typeof item !== 'object') return item;
      if (seen.has(item)) return '[Circular]';
      seen.add(item);
      if (item instanceof Error) {
        const own: Record<string, unknown> = {};
        for (const key of Object.keys(item)) own[key] = (item as unknown as Record<string, unknown>)[key];
        return {
          type: item.name,
          message: item.message,
          stack: item.stack,
          ...own,
          ...(item.cause === undefined ? {} : { cause: item.cause }),
        };
      }
      return item;
    }) ?? String(value)
  );
}
