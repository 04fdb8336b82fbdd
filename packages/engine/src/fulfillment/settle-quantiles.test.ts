import { describe, expect, it } from 'vitest';
import { MIN_SETTLE_SAMPLES, settleQuantiles } from './settle-quantiles';

const exact = (ms: number) => ({ openMs: ms, settledMs: ms });

describe('settleQuantiles', () => {
  it('knows nothing below the minimum number of samples', () => {
    const few = Array.from({ length: MIN_SETTLE_SAMPLES - 1 }, (_, i) => exact(i * 100));
    expect(settleQuantiles(few)).toBeUndefined();
    expect(settleQuantiles([...few, exact(5_000)])?.samples).toBe(MIN_SETTLE_SAMPLES);
  });

  it('reads exact samples (webhooks) as they are', () => {
    // 1 … 100 seconds: the p-quantile is p × 100 s.
    const q = settleQuantiles(Array.from({ length: 100 }, (_, i) => exact((i + 1) * 1_000)))!;
    expect(q).toMatchObject({ p50: 50_000, p80: 80_000, p95: 95_000, p99: 99_000, samples: 100 });
  });

  it('spreads a polled sample over the interval it settled in, not at the call that saw it', () => {
    // Every order was first seen final at 20 s by a call after one at 0 s: settled somewhere in 0–20 s.
    const q = settleQuantiles(Array.from({ length: 40 }, () => ({ openMs: 0, settledMs: 20_000 })))!;
    expect(q.p50).toBeCloseTo(10_000, -1);
    expect(q.p95).toBeCloseTo(19_000, -1);
  });
});
