/** One rate rule's counters, one per key. `check` never changes state; `record` uses a slot. */
export interface RateCounter {
  /** 0 when a call under `key` fits now, else how long until one would (ms, at least 1). */
  check(key: string, now: number): number;
  record(key: string, now: number): void;
}
