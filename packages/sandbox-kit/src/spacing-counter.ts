import type { RateCounter } from './rate-counter';

/**
 * At least `intervalMs` between two recorded calls per key. A clock that goes backwards never refuses.
 *
 * @example
 * const spacing = spacingCounter(500);
 * spacing.record('vendor', 0);
 * spacing.check('vendor', 499); // 1
 */
export function spacingCounter(intervalMs: number): RateCounter {
  const last = new Map<string, number>();
  return {
    check(key, now) {
      const at = last.get(key);
      if (at === undefined || intervalMs <= 0) return 0;
      const since = now - at;
      return since >= 0 && since < intervalMs ? intervalMs - since : 0;
    },
    record(key, now) {
      last.set(key, now);
    },
  };
}
