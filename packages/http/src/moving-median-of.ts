/**
 * The median of the last `size` samples, rounded down and capped at `max`: what `beforeSend` typically takes,
 * for the permit lead. A lead a little short costs the difference, one too long holds the permit idle for it,
 * so the typical time serves better than the mean, which one slow write would pull up.
 *
 * @example
 * const beforeSendMs = movingMedianOf(15, 250);
 * beforeSendMs.add(12);
 * beforeSendMs.estimate(); // 12
 */
export function movingMedianOf(size: number, max: number) {
  const samples: number[] = [];
  let next = 0;
  let cached: number | undefined;
  return {
    add(value: number): void {
      if (samples.length < size) samples.push(value);
      else samples[next] = value;
      next = (next + 1) % size;
      cached = undefined;
    },
    /** 0 before the first sample. */
    estimate(): number {
      if (samples.length === 0) return 0;
      if (cached === undefined) {
        const sorted = [...samples].sort((a, b) => a - b);
        cached = Math.min(max, Math.floor(sorted[sorted.length >> 1]!));
      }
      return cached;
    },
  };
}
