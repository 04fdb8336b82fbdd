import { type Logger, redactingLogger, silentLogger } from '@giftwire/engine';
import { Router as createRouter, json, type Router, raw } from 'express';
import { type Authenticate, authenticateCaller } from './authenticate-caller';
import type { AuthorizePlacement } from './authorize-placement';
import { createRevealRateLimit, type RevealRateLimit } from './create-reveal-rate-limit';
import { getOrderRoute } from './get-order-route';
import { giftwireErrorHandler, LOGGER_LOCAL } from './giftwire-error-handler';
import { healthRoute } from './health-route';
import { listOrdersRoute } from './list-orders-route';
import { placeOrderRoute } from './place-order-route';
import type { Authorize, GiftwireFulfiller, RouterContext } from './router-context';
import { SettledOrderCache } from './settled-order-cache';
import { webhookRoute } from './webhook-route';

export interface GiftwireOptions {
  /** The engine, e.g. `createFulfiller({ vendors: [createBamboo()], ... })`. Start it yourself. */
  fulfiller: GiftwireFulfiller;
  /** Who is calling; `undefined` answers 401. Orders are created for and scoped to this customer. */
  authenticate: Authenticate;
  /**
   * Required. Whether `POST /orders` may place this order, i.e. spend your prepaid vendor balance: check that
   * the shop order `shopOrderId` is the caller's, is paid, and has exactly these lines. Refused: 403, nothing
   * placed. There is no default: a signed-in customer is not a paid order.
   */
  authorizePlacement: AuthorizePlacement;
  /** Whether this caller may see this order's codes (`?reveal=codes`). Default: nobody may. */
  authorize?: Authorize;
  /** Prefix of every route, e.g. `/giftwire`. Default `''` (mount the router where you like instead). */
  basePath?: string;
  /** pino-compatible; lines pass through the engine's redaction. */
  logger?: Logger;
  /** Reveals per customer per window; default `{ windowMs: 60_000, limit: 10 }`. */
  revealRateLimit?: RevealRateLimit;
  /** Settled orders kept rendered (without codes) in memory; default 1,000, `0` turns the cache off. */
  settledOrderCacheSize?: number;
}

const denyAll: Authorize = () => false;

/**
 * An Express router over a giftwire fulfiller: place orders, read them, reveal codes, receive webhooks.
 *
 * Mount it before `express.json()` (webhooks need the raw body), or give that parser
 * `verify: captureRawBody`.
 *
 * @example
 * const app = express();
 * app.use(
 *   giftwire({
 *     fulfiller,
 *     basePath: '/giftwire',
 *     authenticate: (req) => (req.session?.customerId ? { customerId: req.session.customerId } : undefined),
 *     // Place only what the customer paid for in your shop, and only once.
 *     authorizePlacement: async (req, placement) => {
 *       const paid = await shop.findPaidOrder(placement.shopOrderId);
 *       return (
 *         paid?.customerId === placement.caller.customerId &&
 *         paid.giftwireReference === placement.reference &&
 *         sameLines(paid.giftCardLines, placement.lines)
 *       );
 *     },
 *     authorize: (req, order) => order.status === 'fulfilled',
 *   }),
 * );
 * app.listen(3000);
 */
export function giftwire(options: GiftwireOptions): Router {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath !== '' && !basePath.startsWith('/')) {
    throw new TypeError(`basePath must start with "/" (got "${basePath}")`);
  }
  if (typeof options.authorizePlacement !== 'function') {
    // No allow-all default: without it any signed-in caller could spend the shop's vendor balance.
    throw new TypeError(
      'giftwire(): the `authorizePlacement` option is required: a function (req, placement) => boolean ' +
        'that allows a placement only for a paid shop order with the same lines',
    );
  }
  const ctx: RouterContext = {
    fulfiller: options.fulfiller,
    authorize: options.authorize ?? denyAll,
    authorizePlacement: options.authorizePlacement,
    logger: redactingLogger(options.logger ?? silentLogger),
    cache: new SettledOrderCache(options.settledOrderCacheSize ?? 1_000),
    basePath,
  };
  const authenticate = authenticateCaller(options.authenticate);
  // Created once per router: express-rate-limit keeps its counters in the instance.
  const revealLimit = createRevealRateLimit(options.revealRateLimit);

  const router = createRouter();
  router.use((_req, res, next) => {
    res.locals[LOGGER_LOCAL] = ctx.logger;
    next();
  });
  router.get(`${basePath}/health`, healthRoute(ctx));
  // Any content type: the adapter decides what it accepts, and verification needs the bytes untouched.
  router.post(`${basePath}/webhooks/:vendor`, raw({ type: () => true, limit: '1mb' }), webhookRoute(ctx));
  // The route's own parser is skipped when a global one already read the body.
  router.post(`${basePath}/orders`, authenticate, json({ limit: '64kb' }), placeOrderRoute(ctx));
  router.get(`${basePath}/orders`, authenticate, listOrdersRoute(ctx));
  router.get(`${basePath}/orders/:reference`, authenticate, revealLimit, getOrderRoute(ctx));
  router.use(giftwireErrorHandler);
  return router;
}
