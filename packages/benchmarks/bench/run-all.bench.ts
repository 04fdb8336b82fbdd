/**
 * `pnpm bench` for the benchmarks that need a real vendor sandbox, every figure measured in this run: the
 * four-vendor throughput table (achieved ÷ each vendor's ceiling, 429s), the four-vendor status-call table
 * (calls per settled order three ways, beside the targets), then memory, the Express router, the embedded
 * store's footprint (first start, later start, 10,000 in flight) and Express reads (cached and uncached). The engine's throughput and status-call benchmarks share this process;
 * the memory benchmark (--expose-gc) and the Express router benchmark run in their own.
 */
import { execFileSync } from 'node:child_process';
import { statusCallsBenchmark } from './status-calls.bench';
import { throughputBenchmark } from './throughput.bench';

const throughput = await throughputBenchmark();
const statusCalls = await statusCallsBenchmark();
const met = throughput.met && statusCalls.met;

/** Runs one benchmark script in a fresh Node process; false when it missed its target or failed. */
function runAlone(script: string, nodeFlags: string[] = []): boolean {
  try {
    execFileSync(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', new URL(script, import.meta.url).pathname],
      { stdio: 'inherit' },
    );
    return true;
  } catch {
    return false;
  }
}

const memoryMet = runAlone('./memory.bench.ts', ['--expose-gc']);
const routerMet = runAlone('./router.bench.ts');
// Footprint starts its own fresh processes; Express reads alternate router and bare handler in one process.
const footprintMet = runAlone('./footprint.bench.ts');
const readsMet = runAlone('./express-reads.bench.ts');
if (!met || !memoryMet || !routerMet || !footprintMet || !readsMet) process.exitCode = 1;
