import { EventEmitter } from 'node:events';
import { VendorApiError, type VendorOperation } from '@giftwire/core';
import { Dispatcher, getGlobalDispatcher, request as undiciRequest } from 'undici';
import type { z } from 'zod';
import {
  type AbortedBy,
  type ClassifyErrorHook,
  classifyResponse,
  classifyTransportError,
  invalidResponseError,
  issuePaths,
  type ResponseHeaders,
} from './classify';
import { movingMedianOf } from './moving-median-of';
import { originSplitter } from './origin-splitter';
import { parseJsonSafely } from './parse-json-safely';
import type { RateLimiter, RateLimitKeys, RateLimitPermit } from './rate-limiter';
import { type RetryOptions, withRetry } from './retry';

/**
 * Added to a request's timeout for how long its rate permit may stay unreleased: room for the work between
 * permit and first byte (the engine's durable "sending" write) and for the hosts' clock skew.
 */
const IN_FLIGHT_MARGIN_MS = 10_000;
/**
 * The longest a request we abandoned keeps counting against the vendor's limits after we gave up: long
 * enough for one still queued on its way (a gateway, a busy vendor) to be counted, short enough that one
 * timeout does not stop a vendor's placements for another 30 s.
 */
const UNANSWERED_LINGER_CAP_MS = 5_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** Goes into every error, so a failure names the vendor it came from. */
  vendor: string;
  baseUrl: string;
  /** Build it with `userAgent(name, version)`. */
  userAgent: string;
  /** A MockAgent in tests, a ProxyAgent behind a proxy, a tuned pool; undici's global one otherwise. */
  dispatcher?: Dispatcher;
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number;
  /**
   * Evaluated for every request (and every retry), after the rate limiter's permit and just before the
   * request leaves, so tokens can be refreshed in between and a signature over the request (with a timestamp
   * the vendor checks) is never made stale by a rate-limit wait.
   */
  headers?: (request: OutgoingRequest) => Record<string, string> | Promise<Record<string, string>>;
  /** Retries of failures that are safe to repeat; `false` turns them off. */
  retry?: RetryOptions | false;
  /** Consulted before every request, retries included: each one counts against the vendor's limits. */
  rateLimiter?: RateLimiter;
  /** Reads a vendor's own reason codes out of an error response. */
  classifyError?: ClassifyErrorHook;
}

/** What the `headers` hook is told about the request it is adding headers to. */
export interface OutgoingRequest {
  method: HttpMethod;
  /** The full URL, query included, exactly as it is sent. */
  url: string;
  /** The body text exactly as it is sent; `undefined` without a body. */
  body: string | undefined;
}

export interface HttpRequest<S extends z.ZodType> {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * JSON text sent as it is, instead of `body`: for bodies whose numbers must keep exact decimal digits
   * (money), which `JSON.stringify` could only write from a float.
   */
  rawBody?: string;
  headers?: Record<string, string>;
  /** A 2xx body must match it; an empty body is checked as `undefined`. */
  schema: S;
  /** Whether sending it twice has the effect of sending it once. Default: true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** For the rate limiter. Default `any`. */
  operation?: VendorOperation;
  rateLimitKeys?: RateLimitKeys;
  /** Our order reference, carried into `OutcomeUnknownError`. */
  reference?: string;
  /**
   * Awaited before each attempt is sent, after the rate limiter's permit: the last moment before the first
   * byte can go out. If it rejects, that attempt is not sent and the request rejects with its error as is.
   */
  beforeSend?: () => Promise<void> | void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: ResponseHeaders;
  requestId?: string;
}

export interface HttpClient {
  readonly vendor: string;
  request<S extends z.ZodType>(request: HttpRequest<S>): Promise<HttpResponse<z.output<S>>>;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/**
 * What may be retried without risk. An idempotent request: any retryable failure. Otherwise only a request
 * that surely did not arrive (no connection) or was refused outright (429): anything else may have placed an
 * order already.
 */
function safeToRetry(error: unknown, idempotent: boolean): boolean {
  if (!VendorApiError.isInstance(error) || !error.retryable) return false;
  return idempotent || error.code === 'network_error' || error.code === 'rate_limited';
}

/**
 * The HTTP client a vendor package talks to its API with: JSON in and out, every 2xx body checked against a
 * schema, vendor errors mapped to `VendorApiError`, retries only where a repeat cannot place a second order,
 * and, given a rate limiter, calls paced by the vendor's limits.
 *
 * @example
 * const http = createHttpClient({
 *   vendor: 'acme',
 *   baseUrl: 'https://api.acme.example/v1/',
 *   userAgent: userAgent('@giftwire/acme', '1.0.0'),
 *   headers: () => ({ authorization: `Bearer ${token.reveal()}` }),
 *   rateLimiter: createRateLimiter({ vendor: 'acme', rules: ACME_LIMITS.rateLimits }),
 * });
 * const { data } = await http.request({ method: 'GET', path: 'orders/123', schema: AcmeOrderSchema });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { vendor, dispatcher, rateLimiter, classifyError } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const split = originSplitter(baseUrl);
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const retry = options.retry === false ? undefined : (options.retry ?? {});
  // Built once: most requests add nothing to them, and undici does not mutate the object it is given.
  const baseHeaders: Readonly<Record<string, string>> = Object.freeze({
    'user-agent': options.userAgent,
    accept: 'application/json',
  });
  const jsonHeaders: Readonly<Record<string, string>> = Object.freeze({
    ...baseHeaders,
    'content-type': 'application/json',
  });

  // The most a permit is checked ahead is 250 ms: a stuck `beforeSend` must not hold every permit idle long.
  const beforeSendMs = movingMedianOf(15, 250);
  let lastDynamic: Record<string, string> | undefined;
  let lastFixed: Readonly<Record<string, string>> | undefined;
  let lastMerged: Readonly<Record<string, string>> | undefined;
  const headersFor = (
    hasBody: boolean,
    dynamic: Record<string, string> | undefined,
    extra: Record<string, string> | undefined,
  ): Readonly<Record<string, string>> => {
    const fixed = hasBody ? jsonHeaders : baseHeaders;
    if (dynamic === undefined && extra === undefined) return fixed;
    // A hook that hands back the same (frozen) object every time — a fixed API key — is merged once.
    if (extra === undefined && dynamic === lastDynamic && fixed === lastFixed) return lastMerged!;
    const merged: Record<string, string> = { ...fixed };
    // Lower-cased so a caller's `User-Agent` replaces ours instead of being sent next to it.
    if (dynamic) for (const name in dynamic) merged[name.toLowerCase()] = dynamic[name]!;
    if (extra) for (const name in extra) merged[name.toLowerCase()] = extra[name]!;
    if (extra === undefined && dynamic !== undefined && Object.isFrozen(dynamic)) {
      lastDynamic = dynamic;
      lastFixed = fixed;
      lastMerged = Object.freeze(merged);
    }
    return merged;
  };

  async function send<S extends z.ZodType>(
    req: HttpRequest<S>,
    url: string,
    body: string | undefined,
    idempotent: boolean,
  ): Promise<HttpResponse<z.output<S>>> {
    if (!rateLimiter) return sendAdmitted(req, url, body, idempotent);
    // A request with work to do between its permit and its first byte (`beforeSend`, the engine's durable
    // write) has its permit checked that much ahead, so the work overlaps the wait: inside the permit it
    // would add its whole time to every slot's turn of a window.
    const leadMs = req.beforeSend ? beforeSendMs.estimate() : 0;
    // The call cannot be in flight longer than its timeout (plus the hook before it): a process killed
    // mid-call blocks a shared limit that long, not the limiter's one-minute default.
    const holdMs = (req.timeoutMs ?? defaultTimeoutMs) + IN_FLIGHT_MARGIN_MS;
    const permit = await rateLimiter.acquire(
      req.operation ?? 'any',
      req.rateLimitKeys,
      req.signal,
      leadMs > 0 ? { leadMs, holdMs } : { holdMs },
    );
    const progress = { sent: false, answered: false, abandoned: false };
    try {
      return await sendAdmitted(req, url, body, idempotent, permit, progress);
    } finally {
      // The call counts until it finished: the vendor may have seen it as late as now. One we gave up on
      // unanswered (our timeout) may still be on its way and be counted later: it counts for as long again
      // as it was waited for, at most UNANSWERED_LINGER_CAP_MS. A connection the other side closed needs no
      // such wait: whatever reached the vendor reached it before the close.
      const abandoned = progress.sent && !progress.answered && progress.abandoned;
      const lingerMs = Math.min(req.timeoutMs ?? defaultTimeoutMs, UNANSWERED_LINGER_CAP_MS);
      await permit.release(abandoned ? { lingerMs } : undefined);
    }
  }

  async function sendAdmitted<S extends z.ZodType>(
    req: HttpRequest<S>,
    url: string,
    body: string | undefined,
    idempotent: boolean,
    permit?: RateLimitPermit,
    /** Set as the request leaves, as its answer's status arrives, and when we abort it, for the permit's release. */
    progress?: { sent: boolean; answered: boolean; abandoned: boolean },
  ): Promise<HttpResponse<z.output<S>>> {
    const callerSignal = req.signal;
    // Nothing has been sent yet: the caller gets their own reason back whatever the method.
    callerSignal?.throwIfAborted();
    if (req.beforeSend) {
      const started = performance.now();
      await req.beforeSend();
      beforeSendMs.add(performance.now() - started);
      callerSignal?.throwIfAborted();
    }
    if (permit?.ready) {
      // Granted ahead of its slot: not one byte before the slot opens.
      await permit.ready();
      callerSignal?.throwIfAborted();
    }
    // Last of all before sending: a signed timestamp must not age through a permit wait or `beforeSend`.
    const hooked = options.headers?.({ method: req.method, url, body });
    // Most hooks answer at once (a fixed key); only a promise (a token refresh) is waited for.
    const dynamic = hooked instanceof Promise ? await hooked : hooked;
    const headers = headersFor(body !== undefined, dynamic, req.headers);

    const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
    const flight = new InFlight();
    const timer = setTimeout(abortInFlight, timeoutMs, flight, 'timeout');
    const onCallerAbort = callerSignal && (() => abortInFlight(flight, 'caller'));
    if (onCallerAbort) callerSignal.addEventListener('abort', onCallerAbort, { once: true });

    let status: number;
    let responseHeaders: ResponseHeaders;
    let text: string;
    try {
      const target = split(url);
      if (progress) progress.sent = true;
      const response = target
        ? // What undici's top-level `request` would hand the dispatcher, minus its per-call URL parse and copy.
          await dispatchRequest.call(dispatcher ?? getGlobalDispatcher(), {
            origin: target.origin,
            path: target.path,
            method: req.method,
            headers,
            body,
            signal: flight,
          })
        : await undiciRequest(url, { method: req.method, headers, body, dispatcher, signal: flight });
      if (progress) progress.answered = true;
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      const { abortedBy } = flight;
      if (progress && abortedBy !== undefined) progress.abandoned = true;
      const failure =
        abortedBy === 'caller'
          ? callerSignal?.reason
          : abortedBy === 'timeout'
            ? new DOMException(`${vendor}: request timed out after ${timeoutMs} ms`, 'TimeoutError')
            : error;
      throw classifyTransportError(failure, { vendor, idempotent, reference: req.reference, abortedBy });
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
    }

    const requestId = pickRequestId(responseHeaders);
    const parsed = text.length === 0 ? EMPTY_BODY : parseJsonSafely(text);
    if (status >= 200 && status < 300 && parsed.ok) {
      const result = req.schema.safeParse(parsed.value);
      if (result.success) {
        return requestId === undefined
          ? { data: result.data, status, headers: responseHeaders }
          : { data: result.data, status, headers: responseHeaders, requestId };
      }
      throw invalidResponseError(
        {
          status,
          headers: responseHeaders,
          bodyText: text,
          requestId,
          invalidPaths: issuePaths(result.error),
        },
        { vendor, idempotent, reference: req.reference },
      );
    }
    const context = { vendor, idempotent, reference: req.reference };
    if (status >= 200 && status < 300) {
      throw invalidResponseError({ status, headers: responseHeaders, bodyText: text, requestId }, context);
    }
    throw classifyResponse(
      {
        status,
        headers: responseHeaders,
        bodyText: text,
        json: parsed.ok ? parsed.value : undefined,
        requestId,
        classifyError,
        now: Date.now(),
      },
      context,
    );
  }

  return {
    vendor,
    request(req) {
      const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
      const url = buildUrl(baseUrl, req.path, req.query);
      // Serialized once, outside the attempts: a body that cannot be encoded is our bug, not a network error.
      let body: string | undefined;
      try {
        body = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
      } catch (error) {
        return Promise.reject(error);
      }
      const first = send(req, url, body, idempotent);
      if (retry === undefined) return first;
      // Retry options are only assembled once the first attempt has failed: most requests never need them.
      return first.catch((firstError: unknown) => {
        const userShouldRetry = retry.shouldRetry;
        return withRetry(
          (attempt) => (attempt === 1 ? Promise.reject(firstError) : send(req, url, body, idempotent)),
          {
            ...retry,
            signal: req.signal,
            shouldRetry: (error, attempt) =>
              safeToRetry(error, idempotent) &&
              (userShouldRetry === undefined || userShouldRetry(error, attempt)),
          },
        );
      });
    },
  };
}

/**
 * Our per-request abort trigger. undici accepts an EventEmitter as `signal`; one emitter and one timer cost
 * far less than an AbortController, whose EventTarget listener bookkeeping in undici cost 10–15% of GET
 * throughput in our benchmark (AbortSignal.timeout + AbortSignal.any would cost more still). It also records which of our
 * timeout and the caller's signal fired, without guessing from the error.
 */
class InFlight extends EventEmitter {
  abortedBy: AbortedBy | undefined;
}

function abortInFlight(flight: InFlight, by: AbortedBy): void {
  if (flight.abortedBy !== undefined) return;
  flight.abortedBy = by;
  flight.emit('abort');
}

const EMPTY_BODY = { ok: true, value: undefined } as const;

/** undici's `request` as every dispatcher has it; called on one from another copy of undici too, as undici does. */
const dispatchRequest = Dispatcher.prototype.request as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

function pickRequestId(headers: ResponseHeaders): string | undefined {
  const value = headers['x-request-id'] ?? headers['request-id'];
  return typeof value === 'string' ? value : value?.[0];
}

function buildUrl(baseUrl: string, path: string, query: HttpRequest<z.ZodType>['query']): string {
  let url = path.startsWith('/') ? baseUrl + path : `${baseUrl}/${path}`;
  if (query) {
    const search = plainSearch(query) ?? encodedSearch(query);
    if (search) url += (url.includes('?') ? '&' : '?') + search;
  }
  return url;
}

/** What `URLSearchParams` writes unchanged: a query made only of these needs no encoder. */
const PLAIN_PARAM = /^[A-Za-z0-9*\-._]*$/;

/** The query of ids and numbers most requests carry, joined as is; `undefined` if anything needs encoding. */
function plainSearch(query: NonNullable<HttpRequest<z.ZodType>['query']>): string | undefined {
  let search = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined) continue;
    const text = String(value);
    if (!PLAIN_PARAM.test(name) || !PLAIN_PARAM.test(text)) return undefined;
    search += search ? `&${name}=${text}` : `${name}=${text}`;
  }
  return search;
}

function encodedSearch(query: NonNullable<HttpRequest<z.ZodType>['query']>): string {
  const params = new URLSearchParams();
  for (const name in query) {
    const value = query[name];
    if (value !== undefined) params.append(name, String(value));
  }
  return params.toString();
}
