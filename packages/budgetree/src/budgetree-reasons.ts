import type { VendorErrorCode } from '@giftwire/core';

/** What one of Budgetree's numeric error codes means to giftwire. */
export interface BudgetreeReason {
  code: VendorErrorCode;
  retryable: boolean;
  /** Our own words, for error messages: never the vendor's free text. */
  meaning: string;
}

/** The codes the page and NOTES.md name. Any other `code` of a 4xx is an `invalid_request` refusal. */
export const BUDGETREE_REASONS: Readonly<Record<string, BudgetreeReason>> = {
  '5313': { code: 'duplicate_reference', retryable: false, meaning: 'the refno was already used' },
  '5320': { code: 'not_found', retryable: false, meaning: 'order not available' },
  '10466': {
    code: 'invalid_request',
    retryable: false,
    meaning: 'the reversal does not match the original order',
  },
  '10467': {
    code: 'conflict',
    retryable: false,
    meaning: "the order's cancel window has closed",
  },
  '8221': { code: 'conflict', retryable: true, meaning: 'a reversal of this order is already in progress' },
};

/**
 * The vendor's code from the failure body `{ code, message, messages }`: only the `code` field is read, never
 * the message text, so a gateway page that mentions a code is not taken for the vendor's answer.
 */
export function findBudgetreeReason(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const code = (json as { code?: unknown }).code;
  if (typeof code === 'number' && Number.isInteger(code)) return String(code);
  if (typeof code === 'string' && /^\d+$/.test(code)) return code;
  return undefined;
}

/** The classification of a failure body's code; an unnamed code on a 4xx is an ordinary refusal. */
export function classifyBudgetreeReason(
  status: number,
  json: unknown,
): { code: VendorErrorCode; vendorCode: string; retryable: boolean } | undefined {
  // A 5xx may come from a gateway after the order was taken: its body proves nothing, whatever it says.
  if (status >= 500) return undefined;
  const vendorCode = findBudgetreeReason(json);
  if (vendorCode === undefined) return undefined;
  const known = BUDGETREE_REASONS[vendorCode];
  if (known) return { code: known.code, vendorCode, retryable: known.retryable };
  // A 401/403/5xx keeps its status's reading; the code is kept for diagnostics.
  if (status === 400 || status === 422) return { code: 'invalid_request', vendorCode, retryable: false };
  return undefined;
}
