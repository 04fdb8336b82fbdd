import { DueQueue } from './due-queue';

export interface SandboxClock {
  now(): number;
}

export interface OrderTimelineOptions<Task> {
  /** Default `Date.now`; a fake clock makes every step deterministic. */
  clock?: SandboxClock;
  /** Applies one due task; `at` is when it was due, not when it ran. */
  apply(task: Task, at: number): void;
}

/**
 * A vendor's timed order lifecycle: steps scheduled at fixed offsets, applied in order once the clock has
 * passed them — on every request (`advance()`), on a ticker so webhooks feel live, or by a test's `settle()`.
 *
 * @example
 * const timeline = new OrderTimeline<{ order: Order; step: 'settle' }>({
 *   clock,
 *   apply: ({ order }) => { order.status = 'done'; },
 * });
 * timeline.schedule(clock.now() + 300, { order, step: 'settle' });
 * timeline.advance();
 */
export class OrderTimeline<Task> {
  readonly clock: SandboxClock;
  readonly #due = new DueQueue<Task>();
  readonly #apply: (task: Task, at: number) => void;
  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor(options: OrderTimelineOptions<Task>) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.#apply = options.apply;
  }

  get pending(): number {
    return this.#due.size;
  }

  schedule(at: number, task: Task): void {
    this.#due.push(at, task);
  }

  /** Applies every task due by the clock now (or `now`), earliest first, ties in scheduling order. */
  advance(now = this.clock.now()): void {
    for (let due = this.#due.popDue(now); due; due = this.#due.popDue(now)) this.#apply(due.value, due.at);
  }

  /** Calls `onTick` (default `advance`) every `intervalMs` without keeping the process alive. */
  startTicking(intervalMs: number, onTick: () => void = () => this.advance()): void {
    this.stopTicking();
    this.#ticker = setInterval(onTick, intervalMs);
    this.#ticker.unref();
  }

  stopTicking(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
