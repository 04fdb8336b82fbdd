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

const MAX_DEPTH = 6;

/**
 * Bamboo does not publish the shape of its 400 body, only the reason codes. Rather than guess one shape,
 * look for a known reason among all string values: a bare string, `{ error }`, `{ errors: [{ code }] }`…
 */
export function findBambooReason(body: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || body === null || body === undefined) return undefined;
  if (typeof body === 'string') {
    const word = body.trim();
    if (Object.hasOwn(BAMBOO_REASONS, word)) return word;
    // Some gateways wrap the reason in a sentence, e.g. "Reason: InsufficientBalance".
    return Object.keys(BAMBOO_REASONS).find((reason) => new RegExp(`\\b${reason}\\b`).test(word));
  }
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = findBambooReason(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof body === 'object') {
    // Prefer fields that usually carry a code over free-text messages.
    const entries = Object.entries(body as Record<string, unknown>).sort(
      ([a], [b]) => codeFirst(a) - codeFirst(b),
    );
    for (const [, value] of entries) {
      const found = findBambooReason(value, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function codeFirst(key: string): number {
  return /code|error|reason|type/i.test(key) ? 0 : 1;
}
