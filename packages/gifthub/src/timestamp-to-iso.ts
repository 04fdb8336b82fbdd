/** A Firestore-style timestamp as GiftHub sends it. */
export interface GiftHubTimestamp {
  _seconds: number;
  _nanoseconds: number;
}

const SECONDS_PER_DAY = 86_400;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * The proleptic Gregorian date of a day count since 1970-01-01, by integer arithmetic only (H. Hinnant's
 * `civil_from_days`). `Date#toISOString` gives the same answer but costs microseconds per call, and every
 * GiftHub answer carries several timestamps.
 */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * `{ _seconds, _nanoseconds }` → ISO 8601 with nine fractional digits, exactly: the date and time come from the
 * whole seconds by integer arithmetic, the nanoseconds are appended as digits, so no float ever holds a
 * fraction of a second. Years outside 0–9999 are written as `Date#toISOString` writes them (`+010000`,
 * `-000001`).
 *
 * @example
 * timestampToIso({ _seconds: 1713718950, _nanoseconds: 921000000 }); // '2024-04-21T17:02:30.921000000Z'
 */
export function timestampToIso(timestamp: GiftHubTimestamp): string {
  const seconds = timestamp._seconds;
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const secondOfDay = seconds - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const yearText =
    year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  const hours = Math.floor(secondOfDay / 3_600);
  const minutes = Math.floor((secondOfDay % 3_600) / 60);
  const secs = secondOfDay % 60;
  return `${yearText}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(secs)}.${pad(timestamp._nanoseconds, 9)}Z`;
}
