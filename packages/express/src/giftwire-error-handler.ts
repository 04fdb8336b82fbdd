import { GiftwireError, ValidationError, WebhookVerificationError } from '@giftwire/core';
import { IdempotencyConflictError, type Logger, OrderNotFoundError } from '@giftwire/engine';
import type { ErrorRequestHandler, Response } from 'express';
import { bodyPath } from './place-order-body';
import { HttpProblem, sendProblem } from './problem';

/** Where the router leaves its (redacting) logger, so the standalone error handler can report 5xx. */
export const LOGGER_LOCAL = 'giftwireLogger';

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    typeof (err as { status?: unknown }).status === 'number'
  );
}

/**
 * Maps errors to `application/problem+json`. Client errors say what was wrong; server errors say nothing
 * beyond "internal error" — no message, no stack — because an engine message may name internals.
 */
export const giftwireErrorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (HttpProblem.isInstance(err)) return sendProblem(res, err.slug, err.options);
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
  if (!GiftwireError.isInstance(err) && isBodyParserError(err)) {
    if (err.type === 'entity.parse.failed') return sendProblem(res, 'malformed-json');
    if (err.type === 'entity.too.large') return sendProblem(res, 'payload-too-large');
    if (err.status === 415) return sendProblem(res, 'unsupported-media-type');
    if (err.status >= 400 && err.status < 500) return sendProblem(res, 'bad-request');
  }
  logServerError(res, err);
  sendProblem(res, 'internal-error');
};

function logServerError(res: Response, err: unknown): void {
  const logger = res.locals[LOGGER_LOCAL] as Logger | undefined;
  logger?.error({ err }, 'giftwire request failed');
}
