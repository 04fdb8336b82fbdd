import type { VendorErrorCode } from '@giftwire/core';

interface ReasonMapping {
  code: VendorErrorCode;
  retryable: boolean;
}

/**
 * Every reason in bamboo-place-order.txt's table, mapped to a normalized code. None is retryable as is:
 * each needs a different request, more balance, or a person.
 */
export const BAMBOO_REASONS: Readonly<Record<string, ReasonMapping>> = {
  WrongAccount: { code: 'invalid_request', retryable: false },
  InsufficientBalance: { code: 'insufficient_balance', retryable: false },
  InvalidProductIds: { code: 'invalid_request', retryable: false },
  InvalidProduct: { code: 'product_unavailable', retryable: false },
  InvalidDenomination: { code: 'invalid_denomination', retryable: false },
  NoProducts: { code: 'invalid_request', retryable: false },
  OrderAlreadyExists: { code: 'duplicate_reference', retryable: false },
  ClientCatalogNotExist: { code: 'forbidden', retryable: false },
  OrderNotFound: { code: 'not_found', retryable: false },
  CardsLimitExceeded: { code: 'limit_exceeded', retryable: false },
  ProductIsOutOfStock: { code: 'product_unavailable', retryable: false },
  ClientPriceInvalid: { code: 'invalid_request', retryable: false },
  UserNotEnabled: { code: 'forbidden', retryable: false },
};

/** Fields that carry a code in the body shapes seen from Bamboo and its gateways; messages never do. */
const CODE_FIELDS = ['code', 'error', 'errorCode', 'reason'] as const;
/** Fields that wrap the code one level down: `{ errors: [{ code }] }`, `{ detail: { reason } }`. */
const WRAPPER_FIELDS = ['errors', 'error', 'detail'] as const;
const MAX_DEPTH = 3;

/**
 * Bamboo does not publish the shape of its 400 body, only the reason codes, so several shapes are read: a
 * bare JSON string, `{ error }`, `{ code }`, `{ errors: [{ code }] }`, `{ detail: { reason } }`. A reason
 * counts only as the whole value of a field that carries codes — never as a word inside a sentence: a
 * gateway's 502 page or a message saying "InsufficientBalance" is free text, and reading a refusal out of it
 * writes off an order the vendor may have taken and charged.
 */
export function findBambooReason(body: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || body === null || body === undefined) return undefined;
  if (typeof body === 'string') return Object.hasOwn(BAMBOO_REASONS, body) ? body : undefined;
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = findBambooReason(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof body !== 'object') return undefined;
  const fields = body as Record<string, unknown>;
  for (const name of CODE_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && Object.hasOwn(BAMBOO_REASONS, value)) return value;
  }
  for (const name of WRAPPER_FIELDS) {
    const value = fields[name];
    if (typeof value === 'object' && value !== null) {
      const found = findBambooReason(value, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
