import type { VendorCapabilities, VendorLimits } from '@giftwire/core';

/**
 * Budgetree's operating limits. It publishes no rate limits (budgetree-order-status.txt, NOTES.md), so none
 * are declared: the engine's poll schedule is the only pacing. Its timeout guidance is "wait about 30 s, ask
 * the status; anything but COMPLETE must be cancelled", and a cancel is only accepted inside the order's
 * cancel window (`cancel.allowedWithIn`, minutes; the page's example says 2). So the deadline is 90 s: well
 * past the 30 s guidance, still inside a two-minute window.
 */
export const BUDGETREE_LIMITS: VendorLimits = {
  rateLimits: [],
  poll: { initialDelayMs: 3_000, intervalsMs: [3_000, 5_000, 10_000, 15_000], jitter: 0.2 },
  deadlineMs: 90_000,
  // Budgetree's rule: an order that is not COMPLETE by then must be cancelled (reversed).
  cancelAtDeadline: 'required',
};

export const BUDGETREE_CAPABILITIES: VendorCapabilities = {
  // Budgetree sends no notifications at all: orders are followed by polling only.
  webhooks: false,
  cancel: true,
  catalog: false,
  balance: false,
  idempotentReplay: false,
  // Status by refno finds an order whose create answer was lost; 5320 says it never landed.
  lookupByReference: true,
  reportsSend: true,
};
