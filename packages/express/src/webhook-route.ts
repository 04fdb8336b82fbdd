import { type Logger, UnknownVendorError, WebhooksNotSupportedError } from '@giftwire/engine';
import type { Request, RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import { HttpProblem } from './problem';
import type { RouterContext } from './router-context';

/**
 * The body exactly as sent. Signatures are computed over bytes, so re-serialized JSON may not verify; it is
 * only the last resort, for an app whose global `express.json()` ran without `captureRawBody`.
 */
export function rawBodyOf(req: Request, warn: () => void): string | Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (typeof req.body === 'string') return req.body;
  if (req.body === undefined) return '';
  warn();
  return JSON.stringify(req.body);
}

function warnOnce(logger: Logger): () => void {
  let warned = false;
  return () => {
    if (warned) return;
    warned = true;
    logger.warn(
      { event: 'webhook_raw_body_missing' },
      'a global body parser consumed the webhook body; signature-based vendors need the raw body: mount the ' +
        'giftwire router before express.json() or use express.json({ verify: captureRawBody })',
    );
  };
}

/**
 * `POST /webhooks/:vendor`: verified by the vendor adapter, answered 202 at once. The engine's re-fetch of
 * the order runs after the answer, so a slow vendor API never makes the vendor's delivery time out.
 */
export function webhookRoute(ctx: RouterContext): RequestHandler {
  const warn = warnOnce(ctx.logger);
  return asyncHandler(async (req, res) => {
    const vendor = String(req.params.vendor);
    if (!ctx.fulfiller.vendors.includes(vendor)) throw new HttpProblem('not-found');
    const rawBody = rawBodyOf(req, warn);
    let outcome: Awaited<ReturnType<RouterContext['fulfiller']['handleWebhook']>>;
    try {
      outcome = await ctx.fulfiller.handleWebhook(vendor, { headers: req.headers, rawBody });
    } catch (error) {
      // A vendor this fulfiller does not know, or one that sends no webhooks: nothing to find here.
      if (UnknownVendorError.isInstance(error) || WebhooksNotSupportedError.isInstance(error)) {
        throw new HttpProblem('not-found');
      }
      throw error;
    }
    const reference = outcome.event.reference;
    outcome.processed.catch((err: unknown) => {
      ctx.logger.error({ err, vendor, reference }, 'webhook follow-up failed; polling will catch up');
    });
    res.status(202).json({ status: outcome.status });
  });
}
