/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method; undefined for no values.
 *
 * @example
 * percentile([10, 20, 30, 40], 50); // 20
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
