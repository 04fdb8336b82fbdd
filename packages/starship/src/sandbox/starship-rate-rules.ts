import type { SandboxRateRule } from '@giftwire/sandbox-kit';

/** The sandbox's own copy of Starship's published limits (never the client's numbers). */
export interface StarshipRateLimits {
  /** Docs: 200 requests per minute. */
  perMinute: number;
  /** Docs: burst 20 requests per 10 seconds. */
  burst: number;
  burstWindowMs: number;
  /** Docs: 60 requests per order per hour. */
  perOrder: number;
  perOrderWindowMs: number;
}

export const defaultStarshipRateLimits: StarshipRateLimits = {
  perMinute: 200,
  burst: 20,
  burstWindowMs: 10_000,
  perOrder: 60,
  perOrderWindowMs: 3_600_000,
};

/**
 * Starship's limits as kit rules, all sliding windows: every authenticated call counts against the vendor
 * windows; calls naming an order (get, and a create that replays one) against that order's window.
 *
 * @example
 * const guard = createRateGuard({ rules: starshipRateRules(defaultStarshipRateLimits), timeScale: 0.05, body });
 */
export function starshipRateRules(limits: StarshipRateLimits): SandboxRateRule[] {
  return [
    {
      name: 'per_minute',
      kind: 'window',
      operation: 'any',
      scope: 'vendor',
      limit: limits.perMinute,
      windowMs: 60_000,
    },
    {
      name: 'burst',
      kind: 'window',
      operation: 'any',
      scope: 'vendor',
      limit: limits.burst,
      windowMs: limits.burstWindowMs,
    },
    {
      name: 'per_order',
      kind: 'window',
      operation: 'any',
      scope: 'order',
      limit: limits.perOrder,
      windowMs: limits.perOrderWindowMs,
    },
  ];
}
