/**
 * Footprint of the default embedded store, as a new user meets it (issue #15): `createFulfiller` with no
 * store, each start in a fresh Node process, peak RSS as getrusage reports it (= `/usr/bin/time -v`).
 * First start on an empty data directory, a later start on the same directory, then 10,000 orders put in
 * flight (placed, never settling) after a later start: what they add to the peak. Targets are absolute
 * (MB, ms), so the baseline column holds the target and the ratio must be ≤ 1. Measured as shipped:
 * plain `node`, PGlite's WebAssembly kept on V8's baseline tier by the store itself (`wasmTier`, engine README).
 * `BENCH_FOOTPRINT_ORDERS=1000` for a short run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchRow, printRatioTable } from '@giftwire/bench-kit';

const ORDERS = Number(process.env.BENCH_FOOTPRINT_ORDERS ?? 10_000);

interface Start {
  startMs: number;
  startPeakMb: number;
  inFlightPeakMb?: number;
}

function startOnce(dataDir: string, orders = 0): Start {
  const script = new URL('./footprint-process.mjs', import.meta.url).pathname;
  const out = execFileSync(process.execPath, [script, dataDir, String(orders)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Start;
}

export async function footprintBenchmark(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'giftwire-footprint-'));
  try {
    const first = startOnce(dataDir);
    const later = startOnce(dataDir);
    const loaded = startOnce(dataDir, ORDERS);
    const growth = (loaded.inFlightPeakMb ?? loaded.startPeakMb) - loaded.startPeakMb;
    const row = (name: string, value: number, target: number, unit: string): BenchRow => ({
      name,
      value,
      baseline: target,
      unit,
      better: 'lower',
      target: 1,
    });
    return [
      row('first start, empty data dir: peak RSS', first.startPeakMb, 150, 'MB'),
      row('first start: time to start() resolving', first.startMs, 1_000, 'ms'),
      row('later start: peak RSS', later.startPeakMb, 120, 'MB'),
      row('later start: time to start() resolving', later.startMs, 500, 'ms'),
      row(`${ORDERS} in-flight orders: peak RSS added`, Math.max(0, growth), 50, 'MB'),
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (
    !printRatioTable(
      '@giftwire/engine footprint (embedded store, fresh processes)',
      await footprintBenchmark(),
    )
  )
    process.exitCode = 1;
}
