/**
 * Runs the engine's work: "advance order X at or after time T". The local scheduler keeps timers in this
 * process; the pg-boss scheduler spreads the work over every process sharing a PostgreSQL database.
 */
export interface Scheduler {
  /** Starts delivering due work to `run`. At most one `run` per reference is in flight at a time. */
  start(run: (reference: string) => Promise<void>): Promise<void>;
  /**
   * Asks for `reference` to be advanced at or after `at` (epoch ms). Scheduling a reference that already
   * waits keeps the earlier of the two times where the scheduler can; a run may happen more often than
   * asked, never less.
   */
  schedule(reference: string, at: number): Promise<void>;
  /** Stops taking work and waits for in-flight runs to finish. */
  stop(): Promise<void>;
  /**
   * Whether work is being picked up. `stalled` means started but not doing its job: it cannot reach its
   * queue, or due work waits past the scheduler's limit while it has room. Optional for schedulers of your own.
   */
  health?(): Promise<SchedulerHealth>;
}

export interface SchedulerHealth {
  state: 'running' | 'stopped' | 'stalled';
  /** Why it is stalled, in words safe for an operator's dashboard: no host, no credential, no order data. */
  reason?: string;
}
