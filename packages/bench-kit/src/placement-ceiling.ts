import type { RateLimitRule, VendorLimits } from '@giftwire/core';

/** What one order costs in requests, at the least: measured on one order of the vendor's sandbox. */
export interface OrderCost {
  /** Placement requests one order takes (GiftHub: a create and a confirm, both Place Order). */
  placeRequests: number;
  /**
   * Reads one order needs at least to be known final: those its placement makes, plus one unless the create
   * answers it final.
   */
  reads: number;
}

/** The fastest a vendor's limits let orders be placed, and the rule that sets it. */
export interface PlacementCeiling {
  /** Orders per second. */
  perSecond: number;
  rule: RateLimitRule;
  /** The rule counts every request (Starship's `any`), so an order's reads share the ceiling with placements. */
  sharedWithEveryCall: boolean;
  /** Requests of one order the rule counts: the rule's own rate ÷ this is `perSecond`. */
  requestsPerOrder: number;
}

/** Requests per second one rule allows per key. */
function ruleRate(rule: RateLimitRule): number {
  return rule.kind === 'spacing'
    ? 1000 / rule.intervalMs
    : rule.kind === 'window'
      ? (rule.limit * 1000) / rule.windowMs
      : rule.refillPerSecond;
}

/**
 * The order ceiling of `limits` when orders spread over `products` products: the tightest rule that counts
 * Place Order calls (rules scoped to one order do not limit the rate of new orders), divided by the requests
 * of one order that rule counts — its placement requests, plus its reads where the rule counts every call.
 * Undefined when the vendor publishes no rule at all.
 *
 * @example
 * placementCeiling(scaleLimits(BAMBOO_LIMITS, 0.05), 2, { placeRequests: 1, reads: 1 }); // 6 per product per 3 s: 4 orders/s
 * placementCeiling(scaleLimits(STARSHIP_LIMITS, 0.05), 2, { placeRequests: 1, reads: 1 }); // 20 requests per 0.5 s ÷ 2: 20 orders/s
 */
export function placementCeiling(
  limits: VendorLimits,
  products: number,
  cost: OrderCost,
): PlacementCeiling | undefined {
  let best: PlacementCeiling | undefined;
  for (const rule of limits.rateLimits) {
    if (rule.operation !== 'placeOrder' && rule.operation !== 'any') continue;
    if (rule.scope === 'order') continue;
    const sharedWithEveryCall = rule.operation === 'any';
    const requestsPerOrder = cost.placeRequests + (sharedWithEveryCall ? cost.reads : 0);
    const perKey = ruleRate(rule) / requestsPerOrder;
    const perSecond = rule.scope === 'product' ? perKey * products : perKey;
    if (!best || perSecond < best.perSecond) {
      best = { perSecond, rule, sharedWithEveryCall, requestsPerOrder };
    }
  }
  return best;
}
