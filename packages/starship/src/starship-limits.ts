import type { PollSchedule, VendorCapabilities, VendorLimits } from '@giftwire/core';

/**
 * How long Starship says a product takes (starship-get-order-details.txt, "Timeout Recommendations"): fast
 * 2–5 min, standard 5–10, slow 10–30. A product's `delivery_time` picks one: INSTANT is fast, DELAYED is slow;
 * where it is not known, standard.
 */
export type StarshipSpeed = 'fast' | 'standard' | 'slow';

export interface StarshipTiming {
  poll: PollSchedule;
  /** The top of the page's range: past it the order needs a person (Starship publishes no cancel). */
  deadlineMs: number;
}

const MINUTE = 60_000;

export const STARSHIP_TIMINGS: Readonly<Record<StarshipSpeed, StarshipTiming>> = {
  fast: {
    poll: {
      initialDelayMs: 5_000,
      intervalsMs: [5_000, 10_000, 15_000, 30_000, 60_000, 2 * MINUTE],
      jitter: 0.2,
    },
    deadlineMs: 5 * MINUTE,
  },
  standard: {
    poll: { initialDelayMs: 10_000, intervalsMs: [10_000, 20_000, 30_000, 60_000, 2 * MINUTE], jitter: 0.2 },
    deadlineMs: 10 * MINUTE,
  },
  // Their guidance for an order still PENDING after 2 minutes: look every 5 minutes.
  slow: {
    poll: { initialDelayMs: 30_000, intervalsMs: [30_000, 60_000, 2 * MINUTE, 5 * MINUTE], jitter: 0.2 },
    deadlineMs: 30 * MINUTE,
  },
};

/** The speed of a product from its catalog `delivery_time`, case-insensitively; standard when unknown. */
export function starshipSpeedOf(deliveryTime: string | null | undefined): StarshipSpeed {
  const word = deliveryTime?.trim().toUpperCase();
  if (word === 'INSTANT') return 'fast';
  if (word === 'DELAYED') return 'slow';
  return 'standard';
}

/** Requests per order per hour Starship allows (its per-order limit). */
export const STARSHIP_PER_ORDER_LIMIT = 60;

/**
 * Limits for products of one speed. Every poll schedule above settles on a wait of 2 minutes or more, so an
 * order followed for a whole hour (jitter included) is read about 40 times, inside 60 requests per order per
 * hour; the rate limiter enforces the 60 anyway, polls and replays included.
 *
 * @example
 * const starship = createStarship({ limits: starshipLimitsFor('slow') }); // DELAYED products only
 */
export function starshipLimitsFor(speed: StarshipSpeed): VendorLimits {
  const timing = STARSHIP_TIMINGS[speed];
  return {
    rateLimits: [
      // "Standard Rate: 200 requests per minute" — every call the credential makes.
      { kind: 'window', operation: 'any', scope: 'vendor', limit: 200, windowMs: MINUTE },
      // "Burst Limit: 20 requests per 10 seconds", counted the same way.
      { kind: 'window', operation: 'any', scope: 'vendor', limit: 20, windowMs: 10_000 },
      // "Per-Order Limit: 60 requests per order per hour": keyed by the vendor order's `ref`, so create,
      // replays and polls of one vendor order share one counter.
      {
        kind: 'window',
        operation: 'any',
        scope: 'order',
        limit: STARSHIP_PER_ORDER_LIMIT,
        windowMs: 60 * MINUTE,
      },
    ],
    poll: timing.poll,
    deadlineMs: timing.deadlineMs,
    // No cancel endpoint is published: an order still open at its deadline is flagged for a person.
    cancelAtDeadline: 'unsupported',
    // PARTIALLY_DELIVERED may still become DELIVERED or CANCELLED: settle it only once it has stood still
    // this long, or at the deadline if that comes first.
    partialSettlesAfterMs: 30 * MINUTE,
  };
}

/** Starship's published limits, for products whose speed is not known (standard). */
export const STARSHIP_LIMITS: VendorLimits = starshipLimitsFor('standard');

export const STARSHIP_CAPABILITIES: VendorCapabilities = {
  webhooks: true,
  // No cancel endpoint is published.
  cancel: false,
  catalog: true,
  // No balance endpoint is published.
  balance: false,
  // The same Idempotency-Key returns the original order for 24 hours: a lost answer is resolved by replay.
  idempotentReplay: true,
  // List orders has no `ref` filter, so there is no lookup by our reference to rely on.
  lookupByReference: false,
  // Placement calls `onSend` after its rate-limit wait, once per placement, before the first request leaves.
  reportsSend: true,
};
