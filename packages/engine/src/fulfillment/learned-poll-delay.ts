import type { PollSchedule } from '@giftwire/core';
import { pollDelay } from './poll-delay';
import type { SettleQuantiles } from './settle-quantiles';

/**
 * While webhooks arrive, the one safety-net call comes this far past p99: late enough that a healthy
 * webhook stream has settled nearly every order first, so the order costs one call (the re-fetch).
 */
export const WEBHOOK_SAFETY_MARGIN = 1.5;

export interface PollPlan {
  /** The vendor's schedule (`limits.poll`): its floor on every wait, and the steady state after the learned moments. */
  schedule: PollSchedule;
  /** When orders like this one settle; `undefined` (too few samples) follows `schedule` as before. */
  learned: SettleQuantiles | undefined;
  /** Milliseconds from placement to now. */
  elapsedMs: number;
  /** Status calls made for the order so far; 0 when it was just placed. */
  statusCalls: number;
  /** The vendor's webhooks are arriving: polling is only the safety net. */
  webhooksArriving: boolean;
  /** Multiplies the steady-state wait while webhooks arrive (`tuning.webhookPollStretch`). */
  webhookStretch: number;
  random: () => number;
}

/** The shortest wait the vendor's schedule ever asks for: no two status calls come closer than this. */
export function minPollIntervalMs(schedule: PollSchedule): number {
  return schedule.intervalsMs.length === 0 ? schedule.initialDelayMs : Math.min(...schedule.intervalsMs);
}

/**
 * The wait from now until the order's next status call. With a learned distribution the calls go where
 * orders settle — p50, p80, p95, p99 after placement (one order in two is then settled by its first call) —
 * or, while webhooks arrive, once at p99 × {@link WEBHOOK_SAFETY_MARGIN}; then the schedule's last interval
 * repeats. Never sooner than the schedule allows: the first call at `initialDelayMs` or later, no two calls
 * closer than its shortest interval — so a vendor's per-order rate limit that its schedule respects is
 * respected here too (at most four extra calls, each that far apart). The caller caps the wait at the
 * deadline. Moments are jittered only later (up to half the schedule's jitter): a call made a little early
 * would find the same moment still ahead and spend a second call on it.
 *
 * @example
 * const delay = learnedPollDelay({ schedule: limits.poll, learned, elapsedMs: 0, statusCalls: 0,
 *   webhooksArriving: false, webhookStretch: 4, random: Math.random });
 */
export function learnedPollDelay(plan: PollPlan): number {
  const { schedule, learned, elapsedMs, statusCalls, random } = plan;
  const stretch = plan.webhooksArriving ? plan.webhookStretch : 1;
  if (learned === undefined) {
    return statusCalls === 0
      ? schedule.initialDelayMs
      : pollDelay(schedule, statusCalls - 1, random, stretch);
  }
  const earliest = elapsedMs + (statusCalls === 0 ? schedule.initialDelayMs : minPollIntervalMs(schedule));
  const moments = plan.webhooksArriving
    ? [learned.p99 * WEBHOOK_SAFETY_MARGIN]
    : [learned.p50, learned.p80, learned.p95, learned.p99];
  const moment = moments.find((m) => m > elapsedMs);
  if (moment === undefined) {
    const last = schedule.intervalsMs.at(-1) ?? schedule.initialDelayMs;
    return Math.max(
      earliest - elapsedMs,
      pollDelay({ ...schedule, intervalsMs: [last] }, 0, random, stretch),
    );
  }
  const later = moment * (1 + random() * ((schedule.jitter ?? 0) / 2));
  return Math.max(1, Math.round(Math.max(later, earliest) - elapsedMs));
}
