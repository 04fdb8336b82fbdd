import type { ErrorClassification, ErrorResponse } from '@giftwire/http';

/** Confirm's published sentence for an empty wallet (400). */
export const INSUFFICIENT_FUNDS_MESSAGE = 'You have insufficient funds in your wallet to create this order';

/**
 * GiftHub's errors are HTTP codes with a `message`. Only two answers prove what happened, and only these are
 * read: 419 (the created order expired before it was confirmed: nothing was charged) and a 400 whose whole
 * `message` is the published insufficient-funds sentence. A message merely containing the words proves
 * nothing (a proxy's page may quote anything), so the sentence must match in full.
 *
 * @example
 * classifyGiftHubError({ status: 419, headers: {}, bodyText: '', json: undefined });
 * // { code: 'conflict', vendorCode: 'order_expired', retryable: true }
 */
export function classifyGiftHubError(response: ErrorResponse): ErrorClassification | undefined {
  if (response.status === 419) return { code: 'conflict', vendorCode: 'order_expired', retryable: true };
  if (response.status === 400) {
    const message = (response.json as { message?: unknown } | undefined)?.message;
    if (
      typeof message === 'string' &&
      message.trim().replace(/\.$/, '').toLowerCase() === INSUFFICIENT_FUNDS_MESSAGE.toLowerCase()
    ) {
      return { code: 'insufficient_balance', vendorCode: 'insufficient_funds', retryable: false };
    }
  }
  return undefined;
}
