import type { VendorCapabilities, VendorLimits } from '@giftwire/core';

/**
 * Bamboo's published operating limits (bamboo-place-order.txt) plus the unverified read limits from
 * NOTES.md, so the engine never outruns them.
 */
export const BAMBOO_LIMITS: VendorLimits = {
  rateLimits: [
    { kind: 'spacing', operation: 'placeOrder', scope: 'vendor', intervalMs: 500 },
    { kind: 'window', operation: 'placeOrder', scope: 'product', limit: 6, windowMs: 60_000 },
    // Unverified (third-party integrations): about 120 Get Order calls a minute, catalog about 1/s.
    { kind: 'window', operation: 'getOrder', scope: 'vendor', limit: 120, windowMs: 60_000 },
    { kind: 'spacing', operation: 'listProducts', scope: 'vendor', intervalMs: 1_000 },
  ],
  maxCardsPerOrder: 500,
  poll: { initialDelayMs: 2_000, intervalsMs: [2_000, 3_000, 5_000, 10_000, 30_000, 60_000], jitter: 0.2 },
  // Bamboo settles most orders within seconds; one still open after an hour needs a person.
  deadlineMs: 60 * 60_000,
  // Bamboo has no cancel endpoint: a stuck order is flagged for a person.
  cancelAtDeadline: 'unsupported',
};

export const BAMBOO_CAPABILITIES: VendorCapabilities = {
  webhooks: true,
  cancel: false,
  catalog: true,
  balance: true,
  idempotentReplay: false,
  // Get Order by RequestId finds an order whose placement answer was lost.
  lookupByReference: true,
  // Place Order calls `onSend` after its rate-limit wait, so only calls that leave count as attempts.
  reportsSend: true,
};
