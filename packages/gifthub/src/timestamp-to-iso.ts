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
  const seconds = BigInt(timestamp._seconds);
  const nanos = BigInt(timestamp._nanoseconds);
  const whole = new Date(Number(seconds * 1000n)).toISOString(); // …T17:02:30.000Z
  return `${whole.slice(0, -5)}.${nanos.toString().padStart(9, '0')}Z`;
}
