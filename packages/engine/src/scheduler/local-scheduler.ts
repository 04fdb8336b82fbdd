import type { Scheduler } from './scheduler';

export interface LocalSchedulerOptions {
  /**
   * Most runs in flight at once (default 64). A run waiting for a vendor's rate limit costs only a promise,
   * and the adapters pace the calls, so this bounds memory, not vendor traffic.
   */
  concurrency?: number;
  now?: () => number;
  /** `health()` reports `stalled` when due work has waited this long with a slot free. Default 30 000. */
  stallAfterMs?: number;
}

interface Entry {
  at: number;
  reference: string;
}

/**
 * In-process scheduling for a single instance: a min-heap of due times, one timer for the soonest, and
 * at most one run per reference at a time. Nothing here is durable — the engine re-schedules every active
 * order from its store on start, so a restart loses no work.
 *
 * @example
 * // The default; pass one to tune it (or to drive it from a test's clock).
 * const fulfiller = createFulfiller({ vendors, encryption, scheduler: createLocalScheduler({ concurrency: 16 }) });
 */
export function createLocalScheduler(
  options: LocalSchedulerOptions = {},
): Scheduler & { readonly size: number } {
  const concurrency = options.concurrency ?? 64;
  const now = options.now ?? Date.now;
  const stallAfterMs = options.stallAfterMs ?? 30_000;
  const heap: Entry[] = [];
  /** The time each waiting reference is due; heap entries that disagree are stale and skipped. */
  const waiting = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  /** References asked for while running: they go back on the heap when their run ends. */
  const afterRun = new Set<string>();
  let run: ((reference: string) => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  function push(entry: Entry): void {
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && heap[l]!.at < heap[smallest]!.at) smallest = l;
        if (r < heap.length && heap[r]!.at < heap[smallest]!.at) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top;
  }

  function arm(): void {
    if (stopped || !run) return;
    while (heap.length > 0 && waiting.get(heap[0]!.reference) !== heap[0]!.at) pop();
    const next = heap[0];
    if (!next || next.at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = next.at;
    timer = setTimeout(pump, Math.max(0, next.at - now()));
  }

  function pump(): void {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    if (stopped || !run) return;
    const current = now();
    while (heap.length > 0 && running.size < concurrency && heap[0]!.at <= current) {
      const entry = pop()!;
      if (waiting.get(entry.reference) !== entry.at) continue;
      if (running.has(entry.reference)) {
        // One run per reference: this one waits for the current run to finish.
        afterRun.add(entry.reference);
        continue;
      }
      waiting.delete(entry.reference);
      start(entry.reference, run);
    }
    if (running.size < concurrency) arm();
  }

  function start(reference: string, handler: (reference: string) => Promise<void>): void {
    const done = handler(reference)
      .catch(() => {
        // The engine logs its own failures and reschedules; a throw here must not stop the scheduler.
      })
      .finally(() => {
        running.delete(reference);
        const at = waiting.get(reference);
        if (afterRun.delete(reference) && at !== undefined) push({ at, reference });
        pump();
      });
    running.set(reference, done);
  }

  return {
    get size() {
      return waiting.size;
    },
    async start(handler) {
      run = handler;
      stopped = false;
      pump();
    },
    async schedule(reference, at) {
      const existing = waiting.get(reference);
      if (existing !== undefined && existing <= at) return;
      waiting.set(reference, at);
      if (running.has(reference)) afterRun.add(reference);
      else push({ at, reference });
      if (running.size < concurrency) arm();
    },
    async health() {
      if (stopped || !run) return { state: 'stopped' };
      if (running.size < concurrency) {
        const current = now();
        for (const [reference, at] of waiting) {
          // One waiting behind its own run is not stalled; anything else this late should have started.
          if (current - at > stallAfterMs && !running.has(reference)) {
            return {
              state: 'stalled',
              reason: `due work has waited over ${stallAfterMs} ms with a slot free`,
            };
          }
        }
      }
      return { state: 'running' };
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      await Promise.all(running.values());
    },
  };
}
