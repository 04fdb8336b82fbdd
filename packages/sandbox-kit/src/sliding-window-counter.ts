import type { RateCounter } from './rate-counter';

/**
 * At most `limit` recorded calls per key in any window of `windowMs`; a call exactly one window old no
 * longer counts.
 *
 * @example
 * const perProduct = slidingWindowCounter(6, 60_000);
 * for (let i = 0; i < 6; i++) perProduct.record('439685', i * 1000);
 * perProduct.check('439685', 10_000); // 50000: the call at t=0 leaves the window at 60 000
 */
export function slidingWindowCounter(limit: number, windowMs: number): RateCounter {
  const logs = new Map<string, SlidingLog>();
  return {
    check(key, now) {
      const log = logs.get(key);
      if (!log) return 0;
      log.prune(now - windowMs);
      if (log.size < limit) return 0;
      // The window frees a slot when the oldest call that keeps it full leaves it.
      const freeAt = log.at(log.size - limit)! + windowMs;
      return Math.max(1, freeAt - now);
    },
    record(key, now) {
      let log = logs.get(key);
      if (!log) {
        log = new SlidingLog();
        logs.set(key, log);
      }
      log.push(now);
    },
  };
}

/** Ascending timestamps with a moving head, so pruning the window never shifts the array. */
class SlidingLog {
  #times: number[] = [];
  #head = 0;

  get size(): number {
    return this.#times.length - this.#head;
  }

  at(index: number): number | undefined {
    return this.#times[this.#head + index];
  }

  push(at: number): void {
    this.#times.push(at);
  }

  prune(cutoff: number): void {
    while (this.#head < this.#times.length && this.#times[this.#head]! <= cutoff) this.#head++;
    if (this.#head > 64 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }
}
