import type { SandboxRateRule } from '@giftwire/sandbox-kit';

/** The sandbox's own copy of Bamboo's published ordering limits (never the client's numbers). */
export interface RateLimits {
  /** Minimum gap between consecutive Place Order calls (docs: 500 ms). */
  placeOrderSpacingMs: number;
  /** Orders containing one product allowed within the window (docs: 6). */
  perProductLimit: number;
  /** Sliding window for `perProductLimit` (docs: 1 minute). */
  perProductWindowMs: number;
}

export const defaultRateLimits: RateLimits = {
  placeOrderSpacingMs: 500,
  perProductLimit: 6,
  perProductWindowMs: 60_000,
};

/**
 * Bamboo's limits as kit rules. Every Place Order call that gets past auth uses a spacing slot (a 400 too);
 * only accepted orders count against their products, so a client that honours Retry-After gets through.
 *
 * @example
 * const guard = createRateGuard({ rules: bambooRateRules(defaultRateLimits), timeScale: 0.05, body });
 */
export function bambooRateRules(limits: RateLimits): SandboxRateRule[] {
  return [
    {
      name: 'spacing',
      kind: 'spacing',
      operation: 'placeOrder',
      scope: 'vendor',
      intervalMs: limits.placeOrderSpacingMs,
      counts: 'call',
    },
    {
      name: 'per_product',
      kind: 'window',
      operation: 'placeOrder',
      scope: 'product',
      limit: limits.perProductLimit,
      windowMs: limits.perProductWindowMs,
      counts: 'accepted',
    },
  ];
}
