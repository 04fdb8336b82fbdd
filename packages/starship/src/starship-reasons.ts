import type { VendorErrorCode } from '@giftwire/core';
import type { ErrorClassification, ErrorResponse } from '@giftwire/http';

/**
 * Starship's reason codes and what they mean. Read only from the field that carries them — `error` (a
 * string, on the page's `{ error, message }`) or `error.code` (on `{ error: { name, code, message,
 * messages } }` and the idempotency errors' `{ error: { code, message, details } }`) — never from a message.
 */
export const STARSHIP_REASONS: Readonly<Record<string, { code: VendorErrorCode; retryable: boolean }>> = {
  // The page's own envelope.
  unauthorized: { code: 'unauthorized', retryable: false },
  not_found: { code: 'not_found', retryable: false },
  internal_error: { code: 'vendor_unavailable', retryable: true },
  rate_limited: { code: 'rate_limited', retryable: true },
  too_many_requests: { code: 'rate_limited', retryable: true },
  // The structured envelope.
  E_VALIDATION_FAILURE: { code: 'invalid_request', retryable: false },
  INVALID_INPUT: { code: 'invalid_request', retryable: false },
  E_UNAUTHORIZED_ACCESS: { code: 'unauthorized', retryable: false },
  E_ROW_NOT_FOUND: { code: 'not_found', retryable: false },
  E_TOO_MANY_REQUESTS: { code: 'rate_limited', retryable: true },
  INSUFFICIENT_BALANCE: { code: 'insufficient_balance', retryable: false },
  PRODUCT_UNAVAILABLE: { code: 'product_unavailable', retryable: false },
  INVALID_DENOMINATION: { code: 'invalid_denomination', retryable: false },
  // Idempotency errors: a missing or malformed key is our bug; a key reused with another body means an
  // order other than this one holds it.
  IDEMPOTENCY_KEY_REQUIRED: { code: 'invalid_request', retryable: false },
  IDEMPOTENCY_KEY_TOO_SHORT: { code: 'invalid_request', retryable: false },
  IDEMPOTENCY_KEY_TOO_LONG: { code: 'invalid_request', retryable: false },
  IDEMPOTENCY_KEY_MISMATCH: { code: 'duplicate_reference', retryable: false },
  IDEMPOTENCY_KEY_REUSED: { code: 'duplicate_reference', retryable: false },
};

/** The reason code of an error body, from whichever envelope it uses; `undefined` when it names none. */
export function findStarshipReason(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const error = (json as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * The http layer's `classifyError` hook: a known reason code decides the normalized code. An unknown code
 * is kept as the vendor code but leaves the status-based reading alone — and, being unknown, it does not
 * make a placement's answer a definite refusal.
 */
export function classifyStarshipError(response: ErrorResponse): ErrorClassification | undefined {
  const reason = findStarshipReason(response.json);
  if (reason === undefined) return undefined;
  const known = STARSHIP_REASONS[reason] ?? STARSHIP_REASONS[reason.toUpperCase()];
  if (!known) return undefined;
  // 4xx are not retried, 5xx and 429 follow the http layer's rules.
  const retryable = response.status >= 500 || response.status === 429 ? undefined : false;
  return retryable === undefined
    ? { code: known.code, vendorCode: reason }
    : { code: known.code, vendorCode: reason, retryable };
}
