import { OutcomeUnknownError, ValidationError, VendorApiError, type VendorErrorCode } from '@giftwire/core';

/** What a failed placement call means for the order. */
export type PlacementOutcome =
  /** It may have reached the vendor: reconcile by reference before anything else. */
  | { kind: 'unknown'; reason: string }
  /** The vendor already has this reference: look it up. */
  | { kind: 'duplicate' }
  /** Nothing was taken and trying again later may work (not sent, rate limited). */
  | { kind: 'retry'; code: VendorErrorCode; retryAfterMs?: number }
  /** Refused for a reason a person can fix (balance, credentials): keep the order, flag it. */
  | { kind: 'attention'; code: VendorErrorCode; message: string }
  /** Refused for good: the order fails, nothing was charged. */
  | { kind: 'failed'; code: string; message: string };

const NEEDS_A_PERSON: ReadonlySet<VendorErrorCode> = new Set([
  'insufficient_balance',
  'unauthorized',
  'forbidden',
]);

/** Answers given before the vendor processes anything: credentials and rate limits. */
const REFUSED_AT_THE_DOOR: ReadonlySet<number> = new Set([401, 403, 429]);

/**
 * Whether an error answer from the vendor proves the order was not taken. An adapter should already have
 * turned an ambiguous answer into `OutcomeUnknownError`; this is the engine's own check, so an adapter
 * that did not (or a hook that read a reason out of free text on a 5xx) cannot write off a charged order.
 * Definite: no answer at all (refused before sending), a refusal at the door, or a 4xx other than
 * 404/408/409 that carries the vendor's own reason code.
 */
function isDefiniteAnswer(error: VendorApiError): boolean {
  const status = error.httpStatus;
  if (status !== undefined) {
    if (REFUSED_AT_THE_DOOR.has(status)) return true;
    if (status >= 500 || status === 404 || status === 408 || status === 409) return false;
    return error.vendorCode !== undefined;
  }
  // No answer was read. A retryable error is one that surely did not leave (no connection, a check before
  // sending); a final timeout or "unavailable" without a status may have happened after the vendor took it.
  return error.retryable || !AMBIGUOUS_WITHOUT_ANSWER.has(error.code);
}

const AMBIGUOUS_WITHOUT_ANSWER: ReadonlySet<VendorErrorCode> = new Set([
  'timeout',
  'network_error',
  'vendor_unavailable',
  'invalid_response',
  'conflict',
  'not_found',
  'unknown',
]);

export function classifyPlacementError(error: unknown): PlacementOutcome {
  if (OutcomeUnknownError.isInstance(error)) return { kind: 'unknown', reason: error.reason };
  if (ValidationError.isInstance(error))
    return { kind: 'failed', code: 'invalid_request', message: error.message };
  if (VendorApiError.isInstance(error)) {
    // A duplicate is resolved by lookup whatever the status, so it is safe to act on as it is.
    if (error.code === 'duplicate_reference') return { kind: 'duplicate' };
    if (!isDefiniteAnswer(error)) return { kind: 'unknown', reason: `http_${error.httpStatus}` };
    if (error.retryable) {
      const outcome: PlacementOutcome = { kind: 'retry', code: error.code };
      if (error.retryAfterMs !== undefined) outcome.retryAfterMs = error.retryAfterMs;
      return outcome;
    }
    if (NEEDS_A_PERSON.has(error.code))
      return { kind: 'attention', code: error.code, message: error.message };
    return { kind: 'failed', code: error.code, message: error.message };
  }
  // Anything else (a bug, an adapter throwing something odd) might have happened after sending: be safe.
  return { kind: 'unknown', reason: error instanceof Error ? error.name : 'unexpected' };
}
