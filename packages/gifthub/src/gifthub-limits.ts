import type { VendorCapabilities, VendorLimits } from '@giftwire/core';

/**
 * GiftHub publishes no rate numbers (NOTES.md: "429 means rate-limited"), so no rule paces the client ahead of
 * time: a 429 is answered with `Retry-After` and retried where that is safe. Pass `limits` to add rules once
 * GiftHub states them.
 */
export const GIFTHUB_LIMITS: VendorLimits = {
  rateLimits: [],
  poll: { initialDelayMs: 2_000, intervalsMs: [2_000, 5_000, 10_000, 30_000, 60_000], jitter: 0.2 },
  // A confirmed order is normally settled within seconds; one still open after an hour needs a person.
  deadlineMs: 60 * 60_000,
  // GiftHub publishes no cancel: a stuck order is flagged for a person.
  cancelAtDeadline: 'unsupported',
};

export const GIFTHUB_CAPABILITIES: VendorCapabilities = {
  // After a confirm GiftHub delivers the order to the webhook address; the hint is verified, then re-fetched.
  webhooks: true,
  cancel: false,
  catalog: true,
  balance: false,
  // Placing again under the same reference finds the order GiftHub holds for it (create answers the held
  // order), which is confirmed only while still `created` and only when it matches what we sent.
  idempotentReplay: true,
  // Retrieve Order takes GiftHub's own id only: there is no lookup by our reference.
  lookupByReference: false,
  // `onSend` fires before the create and before the confirm.
  reportsSend: true,
};
