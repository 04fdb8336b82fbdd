import type { RateLimitRule, VendorLimits } from '@giftwire/core';

/** The fastest a vendor's limits let orders be placed, and the rule that sets it. */
export interface PlacementCeiling {
  perSecond: number;
  rule: RateLimitRule;
  /** The rule counts every request (Starship's `any`), so status calls share the ceiling with placements. */
  sharedWithEveryCall: boolean;
}

/**
 * The placement ceiling of `limits` when orders spread over `products` products: the tightest rule that
 * counts Place Order calls (rules scoped to one order do not limit the rate of new orders). Undefined when the
 * vendor publishes no rule at all.
 *
 * @example
 * placementCeiling(scaleLimits(BAMBOO_LIMITS, 0.05), 2); // 6 per product per 3 s: 4 orders/s
 */
export function placementCeiling(limits: VendorLimits, products: number): PlacementCeiling | undefined {
  let best: PlacementCeiling | undefined;
  for (const rule of limits.rateLimits) {
    if (rule.operation !== 'placeOrder' && rule.operation !== 'any') continue;
    if (rule.scope === 'order') continue;
    const perKey =
      rule.kind === 'spacing'
        ? 1000 / rule.intervalMs
        : rule.kind === 'window'
          ? (rule.limit * 1000) / rule.windowMs
          : rule.refillPerSecond;
    const perSecond = rule.scope === 'product' ? perKey * products : perKey;
    if (!best || perSecond < best.perSecond) {
      best = { perSecond, rule, sharedWithEveryCall: rule.operation === 'any' };
    }
  }
  return best;
}
