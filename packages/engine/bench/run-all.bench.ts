/**
 * `pnpm bench` for the engine: each benchmark prints its figures as a ratio against a baseline measured in
 * the same run. The memory benchmark runs in its own process with --expose-gc.
 */
import { execFileSync } from 'node:child_process';
import { printRatioTable } from '@giftwire/bench-kit';
import { statusCallsBenchmark } from './status-calls.bench';
import { throughputBenchmark } from './throughput.bench';

const throughput = await throughputBenchmark();
const statusCalls = await statusCallsBenchmark();
const met = printRatioTable('@giftwire/engine', [throughput.row, ...statusCalls]) && throughput.met;

let memoryMet = true;
try {
  execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', new URL('./memory.bench.ts', import.meta.url).pathname],
    {
      stdio: 'inherit',
    },
  );
} catch {
  memoryMet = false;
}
if (!met || !memoryMet) process.exitCode = 1;
