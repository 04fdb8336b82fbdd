import type { PollSchedule } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import {
  learnedPollDelay,
  minPollIntervalMs,
  type PollPlan,
  WEBHOOK_SAFETY_MARGIN,
} from './learned-poll-delay';
import type { SettleQuantiles } from './settle-quantiles';

const BAMBOO: PollSchedule = { initialDelayMs: 2_000, intervalsMs: [2_000, 3_000, 5_000, 10_000, 60_000] };
const LEARNED: SettleQuantiles = { p50: 15_000, p80: 24_000, p95: 28_500, p99: 29_700, samples: 100 };

function plan(overrides: Partial<PollPlan> = {}): PollPlan {
  return {
    schedule: BAMBOO,
    learned: LEARNED,
    elapsedMs: 0,
    statusCalls: 0,
    webhooksArriving: false,
    webhookStretch: 4,
    random: () => 0,
    ...overrides,
  };
}

/** Every status call's time (ms from placement) up to `untilMs`, following the plan call after call. */
function callTimes(base: Partial<PollPlan>, untilMs: number): number[] {
  const times: number[] = [];
  let elapsedMs = 0;
  for (;;) {
    elapsedMs += learnedPollDelay(plan({ ...base, elapsedMs, statusCalls: times.length }));
    if (elapsedMs > untilMs) return times;
    times.push(elapsedMs);
  }
}

describe('learnedPollDelay', () => {
  it("follows the vendor's schedule until enough orders have settled", () => {
    expect(callTimes({ learned: undefined }, 25_000)).toEqual([2_000, 4_000, 7_000, 12_000, 22_000]);
  });

  it('calls at p50, p80, p95 and p99 after placement, then at the last interval', () => {
    // p99 comes 1.2 s after p95: pushed to the shortest interval (2 s) after it.
    expect(callTimes({}, 100_000)).toEqual([15_000, 24_000, 28_500, 30_500, 90_500]);
  });

  it('never calls sooner than the first delay or closer than the shortest interval', () => {
    const early = { p50: 100, p80: 200, p95: 300, p99: 2_500, samples: 50 };
    const times = callTimes({ learned: early }, 10_000);
    expect(times[0]).toBe(BAMBOO.initialDelayMs);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minPollIntervalMs(BAMBOO));
  });

  it('makes one safety-net call past p99 while webhooks arrive', () => {
    const times = callTimes({ webhooksArriving: true }, 5 * 60_000);
    expect(times[0]).toBe(Math.round(LEARNED.p99 * WEBHOOK_SAFETY_MARGIN));
    // Then the last interval, stretched as before.
    expect(times[1]! - times[0]!).toBe(60_000 * 4);
  });

  it('resumes from where the order stands when it is planned late (a restart, a slow call)', () => {
    expect(learnedPollDelay(plan({ elapsedMs: 20_000, statusCalls: 1 }))).toBe(4_000);
  });

  it('stays within Starship’s 60 calls per order per hour, whatever it learned', () => {
    const starship: PollSchedule = {
      initialDelayMs: 10_000,
      intervalsMs: [10_000, 20_000, 30_000, 60_000, 120_000],
      jitter: 0.2,
    };
    const tight = { p50: 1, p80: 2, p95: 3, p99: 4, samples: 20 };
    for (const learned of [tight, LEARNED, undefined]) {
      const times = callTimes({ schedule: starship, learned, random: Math.random }, 60 * 60_000);
      // One placement request shares the per-order budget.
      expect(times.length + 1).toBeLessThanOrEqual(60);
    }
  });

  it('jitters a learned moment only later, by at most half the schedule’s jitter', () => {
    const jittered = { ...BAMBOO, jitter: 0.2 };
    expect(learnedPollDelay(plan({ schedule: jittered, random: () => 0.999 }))).toBeLessThanOrEqual(16_500);
    expect(learnedPollDelay(plan({ schedule: jittered, random: () => 0.999 }))).toBeGreaterThan(15_000);
  });
});
