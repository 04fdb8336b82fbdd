/**
 * Starship's error envelopes, as the sandbox writes them: the page's `{ error, message }`, the structured
 * `{ error: { name, code, message, messages } }`, and the idempotency errors' `{ error: { code, message,
 * details } }`.
 */
export function pageErrorBody(error: string, message: string): { error: string; message: string } {
  return { error, message };
}

export interface FieldMessage {
  field: string;
  rule: string;
  message: string;
}

export function structuredErrorBody(code: string, message: string, messages: FieldMessage[] = []) {
  return {
    error: {
      name: code === 'E_VALIDATION_FAILURE' ? 'ValidationException' : 'Exception',
      code,
      message,
      messages,
    },
  };
}

export function idempotencyErrorBody(code: string, message: string, details: Record<string, unknown> = {}) {
  return { error: { code, message, details } };
}

/** The page's 404 body, exactly. */
export const NOT_FOUND_BODY = pageErrorBody('not_found', 'No Matching Result Found!');
/** The page's 401 body, exactly. */
export const UNAUTHORIZED_BODY = pageErrorBody('unauthorized', 'Invalid or expired access token');
/** The page's 500 body, exactly. */
export const INTERNAL_ERROR_BODY = pageErrorBody('internal_error', 'Failed to retrieve order');
