import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from './problem';

export interface RevealRateLimit {
  /** Default 60 000 (one minute). */
  windowMs?: number;
  /** Reveals allowed per caller per window; default 10. */
  limit?: number;
}

/**
 * Limits `?reveal=codes` per customer (not per IP: many customers share an office NAT, and one customer's
 * scraper may rotate IPs). Other reads are not counted.
 */
export function createRevealRateLimit(settings: RevealRateLimit = {}): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs ?? 60_000,
    limit: settings.limit ?? 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => req.query.reveal !== 'codes',
    // authenticate runs first, so the caller is always known here.
    keyGenerator: (req) => `customer:${req.giftwire?.customerId ?? ''}`,
    handler: (_req, _res, next) => next(new HttpProblem('too-many-requests')),
    // Those checks are about IP keys, which this limiter does not use.
    validate: { ip: false, trustProxy: false, xForwardedForHeader: false, forwardedHeader: false },
  });
}
