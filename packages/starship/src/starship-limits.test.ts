import { describe, expect, it } from 'vitest';
import { createStarship } from './create-starship';
import {
  STARSHIP_CAPABILITIES,
  STARSHIP_LIMITS,
  STARSHIP_PER_ORDER_LIMIT,
  starshipLimitsFor,
  starshipSpeedOf,
} from './starship-limits';

const HOUR = 3_600_000;

/** How many polls a schedule makes within `windowMs` after placement. */
function pollsWithin(
  schedule: { initialDelayMs: number; intervalsMs: readonly number[] },
  windowMs: number,
): number {
  let at = schedule.initialDelayMs;
  let polls = 0;
  for (let i = 0; at <= windowMs; i++) {
    polls++;
    at += schedule.intervalsMs[Math.min(i, schedule.intervalsMs.length - 1)]!;
  }
  return polls;
}

describe('STARSHIP_LIMITS', () => {
  it('carries the published rate limits as data', () => {
    expect(STARSHIP_LIMITS.rateLimits).toEqual([
      { kind: 'window', operation: 'any', scope: 'vendor', limit: 200, windowMs: 60_000 },
      { kind: 'window', operation: 'any', scope: 'vendor', limit: 20, windowMs: 10_000 },
      { kind: 'window', operation: 'any', scope: 'order', limit: 60, windowMs: HOUR },
    ]);
  });

  it('declares that a partial answer may still change, and that there is no cancel', () => {
    expect(STARSHIP_LIMITS.partialSettlesAfterMs).toBe(30 * 60_000);
    expect(STARSHIP_LIMITS.cancelAtDeadline).toBe('unsupported');
    expect(STARSHIP_CAPABILITIES).toMatchObject({
      idempotentReplay: true,
      lookupByReference: false,
      webhooks: true,
      reportsSend: true,
      cancel: false,
    });
  });

  it.each([
    ['fast', 5 * 60_000],
    ['standard', 10 * 60_000],
    ['slow', 30 * 60_000],
  ] as const)(
    '%s products: the top of the page range as deadline, polls far inside 60 per order per hour',
    (speed, deadline) => {
      const limits = starshipLimitsFor(speed);
      expect(limits.deadlineMs).toBe(deadline);
      // Even with jitter shortening every wait by 20%, polling stays under the per-order limit for the hour.
      const tight = {
        initialDelayMs: limits.poll.initialDelayMs * 0.8,
        intervalsMs: limits.poll.intervalsMs.map((ms) => ms * 0.8),
      };
      expect(pollsWithin(tight, HOUR)).toBeLessThan(STARSHIP_PER_ORDER_LIMIT);
    },
  );

  it('picks the speed from the delivery time, standard when unknown', () => {
    expect(starshipSpeedOf('INSTANT')).toBe('fast');
    expect(starshipSpeedOf('delayed')).toBe('slow');
    expect(starshipSpeedOf(undefined)).toBe('standard');
    expect(starshipSpeedOf('SOMETIMES')).toBe('standard');
  });

  it('createStarship takes the speed, or limits of its own', () => {
    const base = { apiKey: 'k', apiSecret: 's', env: {} };
    expect(createStarship(base).limits).toEqual(STARSHIP_LIMITS);
    expect(createStarship({ ...base, speed: 'slow' }).limits.deadlineMs).toBe(30 * 60_000);
    const own = { ...STARSHIP_LIMITS, deadlineMs: 1 };
    expect(createStarship({ ...base, speed: 'slow', limits: own }).limits).toBe(own);
  });
});
