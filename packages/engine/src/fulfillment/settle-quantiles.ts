/** A settle sample's interval, in ms from placement: the order settled after `openMs`, by `settledMs`. */
export interface SettleInterval {
  openMs: number;
  settledMs: number;
}

/** When orders like this one settle, in ms from placement, estimated from recent samples. */
export interface SettleQuantiles {
  p50: number;
  p80: number;
  p95: number;
  p99: number;
  /** How many samples the estimate rests on. */
  samples: number;
}

/** Fewer samples than this and the vendor's own schedule is followed: a p95 of ten orders is a guess. */
export const MIN_SETTLE_SAMPLES = 20;

/**
 * Quantiles of the settle-time distribution, or `undefined` below {@link MIN_SETTLE_SAMPLES}. A polled order
 * is only known to have settled somewhere between the last call that saw it open and the first that saw it
 * final, so each sample counts as spread evenly over that interval. Taking the upper ends instead would feed
 * back on itself: orders polled at p50 would all "settle" at p50, and the schedule could never move earlier.
 *
 * @example
 * settleQuantiles([{ openMs: 2_000, settledMs: 4_000 }, ...samples])?.p95; // ms after placement
 */
export function settleQuantiles(samples: readonly SettleInterval[]): SettleQuantiles | undefined {
  if (samples.length < MIN_SETTLE_SAMPLES) return undefined;
  let hi = 0;
  for (const s of samples) hi = Math.max(hi, s.settledMs);
  const share = (t: number) => {
    let settled = 0;
    for (const { openMs, settledMs } of samples) {
      if (t >= settledMs) settled += 1;
      else if (t > openMs) settled += (t - openMs) / (settledMs - openMs);
    }
    return settled / samples.length;
  };
  // The share settled by t only grows with t: bisect to a millisecond.
  const quantile = (p: number) => {
    let lo = 0;
    let top = hi;
    while (top - lo > 1) {
      const mid = (lo + top) / 2;
      if (share(mid) >= p) top = mid;
      else lo = mid;
    }
    // `top` ends within a millisecond above the answer; a whole millisecond at or below it may already do.
    const whole = Math.floor(top);
    return share(whole) >= p ? whole : Math.ceil(top);
  };
  return {
    p50: quantile(0.5),
    p80: quantile(0.8),
    p95: quantile(0.95),
    p99: quantile(0.99),
    samples: samples.length,
  };
}
