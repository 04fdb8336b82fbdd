import { REDACTED, Secret } from './secret';

function markerFor(name: string): symbol {
  return Symbol.for(`giftwire.error.${name}`);
}

export interface GiftwireErrorOptions {
  cause?: unknown;
}

/**
 * Base of every error giftwire throws. `isInstance` checks a `Symbol.for` marker rather than the prototype,
 * so it holds when an app ends up with two copies of this package.
 */
export class GiftwireError extends Error {
  static readonly errorName: string = 'GiftwireError';

  constructor(message: string, options: GiftwireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const ctor = new.target as unknown as typeof GiftwireError;
    this.name = ctor.errorName;
    // Mark the instance with every class in its chain so `Base.isInstance(subclassError)` holds too.
    for (let c: unknown = ctor; typeof c === 'function' && 'errorName' in c; c = Object.getPrototypeOf(c)) {
      Object.defineProperty(this, markerFor((c as typeof GiftwireError).errorName), { value: true });
    }
  }

  static isInstance<T extends new (...args: never[]) => GiftwireError>(
    this: T & { errorName: string },
    value: unknown,
  ): value is InstanceType<T> {
    return (
      typeof value === 'object' &&
      value !== null &&
      // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being asked, so each checks its own marker.
      (value as Record<symbol, unknown>)[markerFor(this.errorName)] === true
    );
  }
}

export interface ValidationIssue {
  /** Dotted path of the failing field, e.g. `lines.0.quantity`; empty for the value itself. */
  path: string;
  message: string;
}

/** Bad input: lists every failing field. Never echoes the input values, which may hold secrets. */
export class ValidationError extends GiftwireError {
  static override readonly errorName: string = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[], options: GiftwireErrorOptions = {}) {
    const detail = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super(`Invalid ${subject}: ${detail}`, options);
    this.issues = issues;
  }
}

/** Normalized vendor error codes: the engine and adapters act on these, never on a vendor's own words. */
export type VendorErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'invalid_request'
  | 'insufficient_balance'
  | 'product_unavailable'
  | 'invalid_denomination'
  | 'duplicate_reference'
  | 'limit_exceeded'
  | 'vendor_unavailable'
  | 'invalid_response'
  | 'network_error'
  | 'timeout'
  | 'unknown';

/** Response headers worth keeping for diagnostics; anything else (cookies, auth echoes) is dropped. */
const SAFE_HEADERS = new Set([
  'content-type',
  'date',
  'retry-after',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

export function safeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined) continue;
    kept[key] = SAFE_HEADERS.has(key) ? (Array.isArray(value) ? value.join(', ') : value) : REDACTED;
  }
  return kept;
}

export interface VendorApiErrorInit extends GiftwireErrorOptions {
  vendor: string;
  code: VendorErrorCode;
  retryable: boolean;
  httpStatus?: number;
  /** The vendor's own reason code, e.g. Bamboo's `InsufficientBalance`. */
  vendorCode?: string;
  requestId?: string;
  /** Milliseconds the vendor asked us to wait (Retry-After). */
  retryAfterMs?: number;
  headers?: Record<string, string | string[] | undefined>;
  /** The raw response body; kept only as a Secret because it may carry codes. */
  body?: string;
  /** Where a response failed its schema: paths only, never values. */
  invalidPaths?: readonly string[];
  message?: string;
}

export class VendorApiError extends GiftwireError {
  static override readonly errorName: string = 'VendorApiError';
  readonly vendor: string;
  readonly code: VendorErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly headers: Record<string, string>;
  readonly body: Secret<string> | undefined;
  readonly invalidPaths: readonly string[];

  constructor(init: VendorApiErrorInit) {
    const status = init.httpStatus === undefined ? '' : ` (HTTP ${init.httpStatus})`;
    const reason = init.vendorCode ? ` ${init.vendorCode}` : '';
    const paths = init.invalidPaths?.length ? ` at ${init.invalidPaths.join(', ')}` : '';
    super(init.message ?? `${init.vendor}: ${init.code}${reason}${status}${paths}`, init);
    this.vendor = init.vendor;
    this.code = init.code;
    this.retryable = init.retryable;
    this.httpStatus = init.httpStatus;
    this.vendorCode = init.vendorCode;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.headers = safeHeaders(init.headers ?? {});
    this.body = init.body === undefined ? undefined : new Secret(init.body);
    this.invalidPaths = init.invalidPaths ?? [];
  }
}

export interface OutcomeUnknownErrorInit extends GiftwireErrorOptions {
  vendor: string;
  reference?: string;
  httpStatus?: number;
  /**
   * `unconfirmed_refusal`: an error answer (a 4xx) without a vendor reason code in the field that carries
   * it, which may have come after the vendor took the order.
   */
  reason:
    | 'timeout'
    | 'connection_reset'
    | 'server_error'
    | 'aborted'
    | 'invalid_response'
    | 'unconfirmed_refusal';
}

/**
 * A placement may or may not have reached the vendor (timeout, reset, 5xx after the request was sent).
 * Resolve it by looking the order up by its reference — never by placing it again with a new key.
 */
export class OutcomeUnknownError extends GiftwireError {
  static override readonly errorName: string = 'OutcomeUnknownError';
  readonly vendor: string;
  readonly reference: string | undefined;
  readonly httpStatus: number | undefined;
  readonly reason: OutcomeUnknownErrorInit['reason'];

  constructor(init: OutcomeUnknownErrorInit) {
    const ref = init.reference ? ` for reference ${init.reference}` : '';
    super(
      `${init.vendor}: outcome of the request${ref} is unknown (${init.reason}); look it up before retrying`,
      init,
    );
    this.vendor = init.vendor;
    this.reference = init.reference;
    this.httpStatus = init.httpStatus;
    this.reason = init.reason;
  }
}

export type WebhookFailure =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'bad_secret'
  | 'malformed_body';

/** A webhook that could not be verified. The message names the failure, never the expected value. */
export class WebhookVerificationError extends GiftwireError {
  static override readonly errorName: string = 'WebhookVerificationError';
  readonly vendor: string;
  readonly reason: WebhookFailure;

  constructor(vendor: string, reason: WebhookFailure, options: GiftwireErrorOptions = {}) {
    super(`${vendor}: webhook rejected (${reason})`, options);
    this.vendor = vendor;
    this.reason = reason;
  }
}

/** Bad settings given to a factory, e.g. a missing credential. */
export class ConfigurationError extends GiftwireError {
  static override readonly errorName: string = 'ConfigurationError';
}
