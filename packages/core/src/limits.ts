/**
 * Vendor rate limits and scheduling hints, as data. The engine plans from these alone: it never asks which
 * vendor it is talking to.
 */

/** The calls a rule can govern; `any` counts every call to the vendor. */
export type VendorOperation =
  | 'placeOrder'
  | 'getOrder'
  | 'cancelOrder'
  | 'listProducts'
  | 'getBalance'
  | 'any';

/** What a rule's counter is keyed by: one counter for the vendor, or one per product / per order. */
export type RateLimitScope = 'vendor' | 'product' | 'order';

export type RateLimitRule =
  /** At least `intervalMs` between two calls (Bamboo: 500 ms between Place Order calls). */
  | { kind: 'spacing'; operation: VendorOperation; scope?: RateLimitScope; intervalMs: number }
  /** At most `limit` calls in any sliding window of `windowMs` (Bamboo: 6 orders per product per minute). */
  | { kind: 'window'; operation: VendorOperation; scope?: RateLimitScope; limit: number; windowMs: number }
  /** Token bucket: `capacity` calls at once, refilled at `refillPerSecond` (Starship: burst 20, 200/min). */
  | {
      kind: 'bucket';
      operation: VendorOperation;
      scope?: RateLimitScope;
      capacity: number;
      refillPerSecond: number;
    };

export interface PollSchedule {
  /** Wait before the first status call after placement. */
  initialDelayMs: number;
  /** Successive waits; the last one repeats. */
  intervalsMs: readonly number[];
  /** Randomize each wait by ±this fraction so that many orders do not poll in lockstep. */
  jitter?: number;
}

export interface VendorLimits {
  rateLimits: readonly RateLimitRule[];
  /** Most cards (units) one vendor order may hold. */
  maxCardsPerOrder?: number;
  /** Most distinct lines one vendor order may hold (1 for vendors that order one product at a time). */
  maxLinesPerOrder?: number;
  poll: PollSchedule;
  /** How long after placement an order may stay non-final before the engine acts. */
  deadlineMs: number;
  /** What to do at the deadline: cancel (`required`/`allowed`) or flag for a person (`unsupported`). */
  cancelAtDeadline: 'required' | 'allowed' | 'unsupported';
  /**
   * Set when a `partially_fulfilled` answer may still change (Starship's PARTIALLY_DELIVERED can later become
   * DELIVERED or CANCELLED). The engine then keeps following the order, delivering nothing yet, until it has
   * stayed the same (status and issued cards) for this long, reaches another final status, or reaches its
   * deadline; then it settles as it stands. Absent: a partial answer is final at once.
   */
  partialSettlesAfterMs?: number;
}

export interface VendorCapabilities {
  /** The vendor pushes status changes. */
  webhooks: boolean;
  /** Orders can be cancelled through the API. */
  cancel: boolean;
  catalog: boolean;
  balance: boolean;
  /** Sending the same placement with the same key returns the original order (Starship). */
  idempotentReplay: boolean;
  /** An order can be found by our reference after an unknown outcome (Bamboo, Budgetree). */
  lookupByReference: boolean;
  /**
   * `placeOrder` calls `options.onSend` before every request it sends, after its rate-limit wait. Without
   * it the engine has to count an attempt before calling `placeOrder`, waits included.
   */
  reportsSend?: boolean;
}
