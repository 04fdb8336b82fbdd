import { type BrokenCounts, brokenCounts } from '../faults/order-tally';
import { type LoadPartResult, SAMPLE_EVERY } from '../load/run-load';
import { WATCH_EVERY_MS } from '../load/watch-vendor-orders';

const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)}`);

/** The load part's nonzero-means-broken counts (breaches aside: the run counts those for every part). */
export function loadBroken(load: LoadPartResult, vendor?: string): BrokenCounts {
  const sum: BrokenCounts = { duplicates: 0, missing: 0, lostCards: 0, unresolved: 0, moneyMismatch: 0 };
  for (const t of load.tallies) {
    if (vendor !== undefined && t.vendor !== vendor) continue;
    const counts = brokenCounts(t.tally);
    for (const key of Object.keys(sum) as (keyof BrokenCounts)[]) sum[key] += counts[key];
  }
  return sum;
}

/**
 * The load part's section of `REPORT.md`: per vendor, the counts that must be 0 and the figures that are
 * printed, not asserted (rate ÷ ceiling, settled → readable).
 *
 * @example
 * lines.push(...renderLoadTable(run.load));
 */
export function renderLoadTable(load: LoadPartResult): string[] {
  const lines = [
    `## Load (${load.shops} shop processes on one PostgreSQL, work shared through pg-boss, rate limits through one Redis)`,
    '',
    `Each vendor in turn (one at a time) offered paid orders for ${load.seconds} s (a time-scaled hour is 180 s), spread over the shops,`,
    'at 1.1× its ceiling (0.75× where the rule counts every request: that ceiling assumes one read per order and leaves no headroom for a retry), or 5/s where it',
    'publishes no rule. Ceiling: the tightest rule counting placements ÷ the requests of one order it counts',
    '(`placementCeiling`, as the throughput benchmark). Achieved: orders the sandbox held by the end of the',
    `window ÷ the window. "Vendor settled": the first of the sandbox's order lists, read every ${WATCH_EVERY_MS} ms, showing`,
    'the order final (its summary has no settle time); "readable": the owner’s `GET ?reveal=codes` answering',
    `them, made once the owner’s \`GET\` shows the order settled. One order in ${SAMPLE_EVERY} is timed: its owner polls`,
    'every 50 ms from the vendor settling it (500 ms after 2 s); the others’ owners look once a second (the',
    'router allows 10 reveals a minute per customer, so reveals are not polled). Breaches and broken counts',
    'must be 0; rates and times are printed, not asserted.',
    '',
    `The runner (which hosts the sandboxes) lagged by ${load.runnerLag.p99} ms at p99, ${load.runnerLag.max} ms at most: a sandbox`,
    'that lags answers and stamps its calls late, so large figures here make the times above less exact.',
    '',
    '| vendor | orders | ceiling (orders/s) | achieved (orders/s) | ÷ ceiling | vendor calls per order | 429 breaches | extra vendor orders | unresolved | lost cards · money mismatches · settled, no vendor order | settled → readable p50 / p99 (ms) | final states |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const v of load.vendors) {
    const b = loadBroken(load, v.vendor);
    const ceiling = v.ceiling === undefined ? v.ceilingRule : `${v.ceiling.toFixed(2)} (${v.ceilingRule})`;
    const states = new Map<string, number>();
    for (const t of load.tallies)
      if (t.vendor === v.vendor) states.set(t.tally.state, (states.get(t.tally.state) ?? 0) + 1);
    const shown = [...states].map(([state, n]) => `${state} ×${n}`).join(', ');
    const ratio = v.ceiling === undefined ? '—' : (v.achieved / v.ceiling).toFixed(2);
    lines.push(
      `| ${v.vendor} | ${v.orders} | ${ceiling} | ${v.achieved.toFixed(2)} | ${ratio} | ${v.callsPerOrder.toFixed(2)} | ${v.violations} | ${b.duplicates} | ${b.unresolved} | ${b.lostCards} · ${b.moneyMismatch} · ${b.missing} | ${ms(v.settledToReadableP50)} / ${ms(v.settledToReadableP99)} | ${shown} |`,
    );
  }
  return lines;
}
