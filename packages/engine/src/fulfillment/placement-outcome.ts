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

export function classifyPlacementError(error: unknown): PlacementOutcome {
  if (OutcomeUnknownError.isInstance(error)) return { kind: 'unknown', reason: error.reason };
  if (ValidationError.isInstance(error))
    return { kind: 'failed', code: 'invalid_request', message: error.message };
  if (VendorApiError.isInstance(error)) {
    if (error.code === 'duplicate_reference') return { kind: 'duplicate' };
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
