import type { RateLimitRule } from '@giftwire/core';

/** One counter to consult: `key` names it, `rule` says how it counts. */
export interface RateLimitCheck {
  key: string;
  rule: RateLimitRule;
}

/**
 * Where rate-limit counters live. The memory store serves one process; a shared store (Redis, PostgreSQL)
 * lets several processes respect one vendor limit together.
 */
export interface RateLimitStore {
  /**
   * Atomically: if every check allows a call at `now`, record the call in all of them and return 0;
   * otherwise record nothing and return how many milliseconds to wait before trying again.
   */
  tryAcquire(checks: ReadonlyArray<RateLimitCheck>, now: number): Promise<number>;
}
