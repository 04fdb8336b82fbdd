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
   *
   * The call is recorded at `recordAt` (default `now`). The limiter passes a time in the future — the
   * longest the call may take — so that a call still in flight keeps blocking the next one until
   * `release` moves it to when it really finished.
   *
   * `checkAt` (at least `now`; only read by a store whose `checksAhead` is true): whether the call would be
   * allowed at that later instant, by the counters as they stand now. The caller promises not to send it
   * before then. Forgetting old calls still goes by `now`, since other callers check at `now`.
   */
  tryAcquire(
    checks: ReadonlyArray<RateLimitCheck>,
    now: number,
    recordAt?: number,
    checkAt?: number,
  ): Promise<number>;
  /**
   * The call recorded at `recordedAt` finished at `finishedAt`: from now on it counts from then. A vendor
   * counts a call when it arrives, which is somewhere between our start and our finish; counting from the
   * finish is the only stamp that is never earlier than the vendor's.
   */
  release(checks: ReadonlyArray<RateLimitCheck>, recordedAt: number, finishedAt: number): Promise<void>;
  /**
   * The store honours `tryAcquire`'s `checkAt`. Without it the limiter never checks ahead: a call is allowed
   * at the moment it is checked.
   */
  readonly checksAhead?: boolean;
}
