import type { PollSchedule } from '@giftwire/core';

/**
 * The wait before status call number `pollCount + 1`, from the vendor's schedule (its last interval
 * repeats), jittered so that orders placed together do not poll together. `stretch` > 1 slows polling
 * when webhooks are arriving and polling is only the safety net.
 */
export function pollDelay(
  schedule: PollSchedule,
  pollCount: number,
  random: () => number,
  stretch = 1,
): number {
  const intervals = schedule.intervalsMs;
  const base =
    intervals.length === 0 ? schedule.initialDelayMs : intervals[Math.min(pollCount, intervals.length - 1)]!;
  const jitter = schedule.jitter ?? 0;
  const factor = 1 + (random() * 2 - 1) * jitter;
  return Math.max(1, Math.round(base * factor * stretch));
}

/** Backoff for retrying after a failed call: 1 s, 2 s, 4 s … capped at `capMs`, full jitter. */
export function retryDelay(attempt: number, random: () => number, baseMs = 1_000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(baseMs / 4, Math.round(random() * ceiling));
}
