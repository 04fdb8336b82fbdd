export interface ThroughputResult {
  operations: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs `operation` with `concurrency` workers for `durationMs` and reports completed operations per second.
 * Call it alternately for the subject and its baseline so both see the same machine state.
 */
export async function measureThroughput(
  operation: () => Promise<unknown>,
  { durationMs, concurrency }: { durationMs: number; concurrency: number },
): Promise<ThroughputResult> {
  let operations = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      await operation();
      operations++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { operations, seconds, perSecond: operations / seconds };
}
