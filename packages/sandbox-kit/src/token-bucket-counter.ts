import type { RateCounter } from './rate-counter';

/**
 * A bucket of `capacity` tokens per key, refilled continuously at `refillPerSecond`; each recorded call
 * takes one.
 *
 * @example
 * const burst = tokenBucketCounter(20, 200 / 60);
 * for (let i = 0; i < 20; i++) burst.record('vendor', 0);
 * burst.check('vendor', 0); // 300: the next token arrives after 0.3 s
 */
export function tokenBucketCounter(capacity: number, refillPerSecond: number): RateCounter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, now: number) => {
    const bucket = buckets.get(key);
    if (!bucket) return capacity;
    const refilled = (Math.max(0, now - bucket.at) / 1000) * refillPerSecond;
    return Math.min(capacity, bucket.tokens + refilled);
  };
  return {
    check(key, now) {
      const tokens = level(key, now);
      if (tokens >= 1) return 0;
      if (refillPerSecond <= 0) return Number.POSITIVE_INFINITY;
      return Math.max(1, Math.ceil(((1 - tokens) / refillPerSecond) * 1000));
    },
    record(key, now) {
      buckets.set(key, { tokens: level(key, now) - 1, at: now });
    },
  };
}
