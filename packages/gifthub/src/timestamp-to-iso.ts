/** A Firestore-style timestamp as GiftHub sends it. */
export interface GiftHubTimestamp {
  _seconds: number;
  _nanoseconds: number;
}

/**
 * `{ _seconds, _nanoseconds }` → ISO 8601 with nine fractional digits, exactly: the whole seconds go through
 * `Date` as an integer number of milliseconds (exact), the nanoseconds are appended as digits, so no float
 * ever holds a fraction of a second.
 *
 * @example
 * timestampToIso({ _seconds: 1713718950, _nanoseconds: 921000000 }); // '2024-04-21T17:02:30.921000000Z'
 */
export function timestampToIso(timestamp: GiftHubTimestamp): string {
  // Exact without BigInt: the schema holds `_seconds` to a safe integer, and any such count of seconds up to
  // year 275760 (Date's own limit) times 1000 is still an integer below 2^53.
  const whole = new Date(timestamp._seconds * 1000).toISOString(); // …T17:02:30.000Z
  const nanos = String(timestamp._nanoseconds);
  return `${whole.slice(0, -4)}${'000000000'.slice(nanos.length)}${nanos}Z`;
}
