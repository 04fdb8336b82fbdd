import { measureThroughput } from './throughput';

export interface Comparison {
  /** The subject's median over the rounds. */
  value: number;
  /** The baseline's median over the same rounds. */
  baseline: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Mean milliseconds per call of a synchronous `fn`, after a warm-up that lets the JIT settle. */
export function timePerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - started) / iterations;
}

/**
 * Runs subject and baseline in alternating rounds, swapping which goes first every round so that drift (CPU
 * boost, JIT, a busy neighbour) favours neither, and returns both medians.
 */
async function alternate(
  rounds: number,
  subject: () => Promise<number> | number,
  baseline: () => Promise<number> | number,
): Promise<Comparison> {
  const values: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      baselines.push(await baseline());
      values.push(await subject());
    } else {
      values.push(await subject());
      baselines.push(await baseline());
    }
  }
  return { value: median(values), baseline: median(baselines) };
}

/**
 * Milliseconds per call of `subject` and of `baseline` (medians of `rounds`), for a "≤ N× of the baseline"
 * target such as parse + map against `JSON.parse`.
 *
 * @example
 * const { value, baseline } = await compareTimePerCall(() => mapOrder(parse(body)), () => JSON.parse(body));
 */
export function compareTimePerCall(
  subject: () => unknown,
  baseline: () => unknown,
  { rounds = 5, iterations = 300 }: { rounds?: number; iterations?: number } = {},
): Promise<Comparison> {
  return alternate(
    rounds,
    () => timePerCall(subject, iterations),
    () => timePerCall(baseline, iterations),
  );
}

/**
 * Operations per second of `subject` and of `baseline` (medians of `rounds`, each `durationMs` with
 * `concurrency` workers), after a warm-up of both: for a "≥ N× of the baseline" target such as a client's
 * `getOrder` against a bare undici GET of the same route.
 *
 * @example
 * const { value, baseline } = await compareThroughput(() => client.getOrder({ reference }), bareGet);
 */
export async function compareThroughput(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  {
    rounds = 7,
    durationMs = 1000,
    concurrency = 16,
    warmUpMs = 500,
  }: { rounds?: number; durationMs?: number; concurrency?: number; warmUpMs?: number } = {},
): Promise<Comparison> {
  await measureThroughput(baseline, { durationMs: warmUpMs, concurrency });
  await measureThroughput(subject, { durationMs: warmUpMs, concurrency });
  const perSecond = async (operation: () => Promise<unknown>) =>
    (await measureThroughput(operation, { durationMs, concurrency })).perSecond;
  return alternate(
    rounds,
    () => perSecond(subject),
    () => perSecond(baseline),
  );
}
