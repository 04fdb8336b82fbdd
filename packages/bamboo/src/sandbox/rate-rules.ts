export interface RateLimits {
  /** Minimum gap between consecutive Place Order calls (docs: 500 ms). */
  placeOrderSpacingMs: number;
  /** Orders containing one product allowed within the window (docs: 6). */
  perProductLimit: number;
  /** Sliding window for `perProductLimit` (docs: 1 minute). */
  perProductWindowMs: number;
}

export const defaultRateLimits: RateLimits = {
  placeOrderSpacingMs: 500,
  perProductLimit: 6,
  perProductWindowMs: 60_000,
};

export type RateDecision =
  | { ok: true }
  | { ok: false; kind: 'spacing' | 'per_product'; retryAfterMs: number; productId?: number };

/**
 * Bamboo's documented ordering limits. A call refused for spacing does not restart the spacing timer, and a
 * refused order is not counted against its products, so a client that honours Retry-After gets through.
 */
export class RateRules {
  readonly #limits: RateLimits;
  #lastCallAt: number | undefined;
  readonly #perProduct = new Map<number, SlidingLog>();

  constructor(limits: RateLimits) {
    this.#limits = limits;
  }

  /** Every Place Order call that gets past auth goes through here first; passing it uses the slot. */
  admitCall(now: number): RateDecision {
    const spacing = this.#limits.placeOrderSpacingMs;
    if (this.#lastCallAt !== undefined && spacing > 0) {
      const since = now - this.#lastCallAt;
      if (since >= 0 && since < spacing) return { ok: false, kind: 'spacing', retryAfterMs: spacing - since };
    }
    this.#lastCallAt = now;
    return { ok: true };
  }

  /** Whether accepting an order with these products keeps each within its sliding window. */
  checkProducts(productIds: Iterable<number>, now: number): RateDecision {
    const { perProductLimit, perProductWindowMs } = this.#limits;
    for (const productId of productIds) {
      const log = this.#perProduct.get(productId);
      if (!log) continue;
      log.prune(now - perProductWindowMs);
      if (log.size >= perProductLimit) {
        // The window frees a slot when the oldest order that keeps it full leaves it.
        const freeAt = log.at(log.size - perProductLimit)! + perProductWindowMs;
        return { ok: false, kind: 'per_product', retryAfterMs: Math.max(1, freeAt - now), productId };
      }
    }
    return { ok: true };
  }

  recordOrder(productIds: Iterable<number>, now: number): void {
    for (const productId of productIds) {
      let log = this.#perProduct.get(productId);
      if (!log) {
        log = new SlidingLog();
        this.#perProduct.set(productId, log);
      }
      log.push(now);
    }
  }
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

  /** Drops entries at or before `cutoff`: an order exactly one window old no longer counts. */
  prune(cutoff: number): void {
    while (this.#head < this.#times.length && this.#times[this.#head]! <= cutoff) this.#head++;
    if (this.#head > 64 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }
}
