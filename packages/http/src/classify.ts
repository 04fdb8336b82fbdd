import { OutcomeUnknownError, VendorApiError, type VendorErrorCode } from '@giftwire/core';
import type { z } from 'zod';
import { parseRetryAfter } from './retry';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What a vendor client's `classifyError` hook sees of an error response. */
export interface ErrorResponse {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown | undefined;
}

/** A vendor's reading of its own error response; each field set overrides the status-based default. */
export interface ErrorClassification {
  code?: VendorErrorCode;
  vendorCode?: string;
  retryable?: boolean;
}

export type ClassifyErrorHook = (response: ErrorResponse) => ErrorClassification | undefined;

export interface ClassifyContext {
  vendor: string;
  /** Whether sending the request twice has the effect of sending it once. */
  idempotent: boolean;
  /** Our order reference, carried into `OutcomeUnknownError` so the engine can look the order up. */
  reference?: string;
}

/**
 * Failures that happen while opening the connection: the request was never written, so nothing reached the
 * vendor and any request may be sent again.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Our own mistakes (bad URL, bad option): retrying or calling them "unknown outcome" would hide them. */
const USAGE_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_URL',
  'ERR_INVALID_ARG_TYPE',
]);

/** Finds the first error code on an error, its `cause`, or (for happy-eyeballs connects) its `errors`. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    for (const e of inner) {
      const code = errorCode(e, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return errorCode((error as { cause?: unknown }).cause, depth + 1);
}

/** Who cut a request short, when one was: our per-request timeout or the caller's signal. */
export type AbortedBy = 'timeout' | 'caller';

/**
 * Turns a failure to get a response (no status line, or the body cut off) into what the caller should see.
 * The rule: what surely did not reach the vendor may be retried; what may have reached it is an
 * `OutcomeUnknownError` unless the request is idempotent. Returns the value to throw.
 */
export function classifyTransportError(
  error: unknown,
  context: ClassifyContext & { abortedBy?: AbortedBy | undefined },
): unknown {
  const { vendor, idempotent, reference } = context;
  const code = errorCode(error);
  if (code !== undefined && NOT_SENT_CODES.has(code)) {
    return new VendorApiError({ vendor, code: 'network_error', retryable: true, cause: error });
  }
  if (context.abortedBy === 'caller') {
    // An idempotent request the caller gave up on needs no explanation: they get their own reason back.
    return idempotent
      ? error
      : new OutcomeUnknownError({ vendor, reference, reason: 'aborted', cause: error });
  }
  if (context.abortedBy === 'timeout' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return idempotent
      ? new VendorApiError({ vendor, code: 'timeout', retryable: true, cause: error })
      : new OutcomeUnknownError({ vendor, reference, reason: 'timeout', cause: error });
  }
  if (code !== undefined && USAGE_CODES.has(code)) return error;
  // ECONNRESET, UND_ERR_SOCKET and anything unrecognised after dispatch: the bytes may have arrived.
  return idempotent
    ? new VendorApiError({ vendor, code: 'network_error', retryable: true, cause: error })
    : new OutcomeUnknownError({ vendor, reference, reason: 'connection_reset', cause: error });
}

const STATUS_CODES: Readonly<Record<number, VendorErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  422: 'invalid_request',
  429: 'rate_limited',
};

/** The normalized code for an HTTP error status, before any vendor-specific reading. */
export function codeForStatus(status: number): VendorErrorCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'vendor_unavailable' : 'unknown');
}

export interface ErrorResponseInput extends ErrorResponse {
  requestId?: string | undefined;
  classifyError?: ClassifyErrorHook | undefined;
  /** Clock for Retry-After HTTP-dates. */
  now?: number;
}

/**
 * Turns a non-2xx response into the error to throw. The body is kept only as the error's `Secret` body and
 * headers go through core's `safeHeaders`: error responses can echo voucher codes and credentials.
 */
export function classifyResponse(
  response: ErrorResponseInput,
  context: ClassifyContext,
): VendorApiError | OutcomeUnknownError {
  const { status, headers, bodyText, requestId } = response;
  const { vendor, idempotent, reference } = context;
  let hook: ErrorClassification | undefined;
  let hookFailure: unknown;
  if (response.classifyError) {
    try {
      hook = response.classifyError({ status, headers, bodyText, json: response.json });
    } catch (error) {
      // A broken hook must not turn a 5xx on a placement into an ordinary error: fall back to the
      // status-based reading, keeping the hook's error for whoever debugs it.
      hookFailure = error;
    }
  }
  const code = hook?.code ?? codeForStatus(status);
  const serverError = status >= 500;
  const defaultRetryable =
    code === 'rate_limited' || ((code === 'vendor_unavailable' || code === 'timeout') && idempotent);
  const apiError = new VendorApiError({
    vendor,
    code,
    retryable: hook?.retryable ?? defaultRetryable,
    httpStatus: status,
    vendorCode: hook?.vendorCode,
    requestId,
    retryAfterMs: code === 'rate_limited' ? parseRetryAfter(headers['retry-after'], response.now) : undefined,
    headers,
    body: bodyText,
    cause: hookFailure,
  });
  if (!idempotent && !isDefiniteRefusal(status, hook)) {
    return new OutcomeUnknownError({
      vendor,
      reference,
      httpStatus: status,
      reason: serverError ? 'server_error' : status === 408 ? 'timeout' : 'unconfirmed_refusal',
      cause: apiError,
    });
  }
  return apiError;
}

/** Answered before any processing: the request was refused at the door (credentials, rate limit). */
const REFUSED_AT_THE_DOOR: ReadonlySet<number> = new Set([401, 403, 429]);
/**
 * Statuses a gateway or proxy gives after the request went on (408 timeout, 404/409 from a rewritten route
 * or a replayed connection): the vendor may have taken the order whatever the body says.
 */
const AFTER_THE_DOOR: ReadonlySet<number> = new Set([404, 408, 409]);

/**
 * Whether an error answer to a non-idempotent request (a placement) proves that nothing was done. Only an
 * answer refused at the door, or a 4xx whose vendor reason code the vendor's hook read from the field that
 * carries it. Anything else — 408, 404, 409, any 5xx, a 4xx without a reason code — may have come after the
 * vendor took (and charged) the order, so it is an unknown outcome to resolve by looking the order up.
 */
export function isDefiniteRefusal(status: number, hook: ErrorClassification | undefined): boolean {
  if (REFUSED_AT_THE_DOOR.has(status)) return true;
  if (status < 400 || status >= 500 || AFTER_THE_DOOR.has(status)) return false;
  return hook?.code !== undefined;
}

/** Dotted paths of the fields that failed a schema; the values are never copied. */
export function issuePaths(error: z.ZodError): string[] {
  const paths = new Set<string>();
  for (const issue of error.issues)
    paths.add(issue.path.length ? issue.path.map(String).join('.') : '(root)');
  return [...paths];
}

export interface InvalidResponseInput {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
  requestId?: string | undefined;
  /** Failing schema paths; `undefined` when the body is not JSON at all. */
  invalidPaths?: readonly string[] | undefined;
}

/**
 * A 2xx whose body we cannot read. For a non-idempotent request the vendor most likely did what we asked, so
 * the caller must look the result up rather than send it again.
 */
export function invalidResponseError(
  response: InvalidResponseInput,
  context: ClassifyContext,
): VendorApiError | OutcomeUnknownError {
  const { vendor, idempotent, reference } = context;
  const apiError = new VendorApiError({
    vendor,
    code: 'invalid_response',
    retryable: false,
    httpStatus: response.status,
    requestId: response.requestId,
    headers: response.headers,
    body: response.bodyText,
    invalidPaths: response.invalidPaths,
    message:
      response.invalidPaths === undefined
        ? `${vendor}: invalid_response (HTTP ${response.status}): body is not JSON`
        : undefined,
  });
  if (idempotent) return apiError;
  return new OutcomeUnknownError({
    vendor,
    reference,
    httpStatus: response.status,
    reason: 'invalid_response',
    cause: apiError,
  });
}
