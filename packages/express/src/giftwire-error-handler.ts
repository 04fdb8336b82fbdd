import { GiftwireError, ValidationError, WebhookVerificationError } from '@giftwire/core';
import {
  IdempotencyConflictError,
  type Logger,
  OrderNotFoundError,
  StoreUnavailableError,
} from '@giftwire/engine';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { bodyPath } from './parse-place-order';
import { HttpProblem, sendProblem } from './problem';

/** Where the router leaves its (redacting) logger, so the standalone error handler can report 5xx. */
export const LOGGER_LOCAL = 'giftwireLogger';

/** Seconds a 503 asks the client to wait: a store outage is usually over in seconds. */
const RETRY_AFTER_SECONDS = 5;

/**
 * What body-parser (and raw-body under it) hands on: an http-errors error, marked by a numeric `status` and
 * `expose` (true for 4xx), with a `type` for the failures it names itself. A stream failure such as zlib's on
 * a body that is not what its `Content-Encoding` says comes as the stream's own error (`code: 'Z_DATA_ERROR'`,
 * no `type`) with status 400 added, so `type` cannot be required.
 */
interface BodyParserError {
  type?: string;
  status: number;
  expose: boolean;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  if (typeof err !== 'object' || err === null) return false;
  const { type, status, expose } = err as { type?: unknown; status?: unknown; expose?: unknown };
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    (typeof type === 'string' || expose === true)
  );
}

/** Whether the body was sent with a real content coding (gzip, deflate, br…), which the parser had to undo. */
function isEncoded(req: Request): boolean {
  const encoding = req.get('content-encoding');
  return encoding !== undefined && encoding.trim() !== '' && encoding.trim().toLowerCase() !== 'identity';
}

/**
 * Maps errors to `application/problem+json`. Client errors say what was wrong; server errors say nothing
 * beyond "internal error" — no message, no stack — because an engine message may name internals. A store
 * that cannot be reached is 503 with `Retry-After`: the request was fine and can be repeated as it is.
 */
export const giftwireErrorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (HttpProblem.isInstance(err)) return sendProblem(res, err.slug, err.options);
  // Express could not percent-decode a path parameter (`/orders/%zz`): the URL is malformed, not our fault.
  if (err instanceof URIError && (err as { status?: unknown }).status === 400) {
    return sendProblem(res, 'bad-request', {
      detail: 'A path segment of the URL is not valid percent-encoding.',
    });
  }
  if (ValidationError.isInstance(err)) {
    const errors = err.issues.map((issue) => ({ path: bodyPath(issue.path), message: issue.message }));
    return sendProblem(res, 'validation-error', { errors });
  }
  if (IdempotencyConflictError.isInstance(err)) {
    return sendProblem(res, 'idempotency-conflict', {
      detail: 'Use a new reference for a new order; repeat the same request to get the existing one.',
    });
  }
  if (OrderNotFoundError.isInstance(err)) return sendProblem(res, 'not-found');
  // No detail: telling a forger which check failed helps the forger.
  if (WebhookVerificationError.isInstance(err)) return sendProblem(res, 'webhook-verification-failed');
  if (StoreUnavailableError.isInstance(err)) {
    // Nothing is lost: the same request (same reference) is safe to repeat once the store is back.
    logServerError(res, err);
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    return sendProblem(res, 'service-unavailable', {
      detail: 'Orders cannot be read or written right now; repeat the request shortly.',
    });
  }
  if (!GiftwireError.isInstance(err) && isBodyParserError(err)) {
    if (err.type === 'entity.parse.failed') return sendProblem(res, 'malformed-json');
    if (err.type === 'entity.too.large') return sendProblem(res, 'payload-too-large');
    if (err.status === 415) return sendProblem(res, 'unsupported-media-type');
    if (err.type === undefined && isEncoded(req)) {
      return sendProblem(res, 'bad-request', {
        detail: 'The body could not be decoded as its Content-Encoding header says.',
      });
    }
    return sendProblem(res, 'bad-request');
  }
  logServerError(res, err);
  sendProblem(res, 'internal-error');
};

function logServerError(res: Response, err: unknown): void {
  const logger = res.locals[LOGGER_LOCAL] as Logger | undefined;
  logger?.error({ err }, 'giftwire request failed');
}
