export interface BenchRow {
  name: string;
  /** The measured figure, in `unit`. */
  value: number;
  /** The baseline figure from the same run, in the same unit. */
  baseline: number;
  unit: string;
  /** `higher` when a larger ratio is better (throughput), `lower` when smaller is better (time, memory). */
  better: 'higher' | 'lower';
  /** The ratio the issue asks for. */
  target: number;
}

/**
 * Prints rows as a table of ratios against baselines measured in the same run, and returns whether every
 * target was met. Absolute figures differ between machines; the ratio is what we hold ourselves to.
 */
export function printRatioTable(title: string, rows: readonly BenchRow[]): boolean {
  const lines = rows.map((r) => {
    const ratio = r.value / r.baseline;
    const met = r.better === 'higher' ? ratio >= r.target : ratio <= r.target;
    return {
      benchmark: r.name,
      measured: `${format(r.value)} ${r.unit}`,
      baseline: `${format(r.baseline)} ${r.unit}`,
      ratio: ratio.toFixed(3),
      target: `${r.better === 'higher' ? '≥' : '≤'} ${Number(r.target.toPrecision(3))}`,
      met: met ? 'yes' : 'NO',
    };
  });
  console.log(`\n${title}`);
  console.table(lines);
  return lines.every((l) => l.met === 'yes');
}

function format(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(2);
}
