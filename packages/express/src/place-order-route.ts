import type { RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import { callerOf } from './authenticate-caller';
import type { PlacementRequest } from './authorize-placement';
import { IDEMPOTENCY_HEADER, parsePlaceOrder } from './parse-place-order';
import { HttpProblem } from './problem';
import { renderOrder } from './render-order';
import type { RouterContext } from './router-context';

/**
 * `POST /orders`: validates everything before the engine sees it (nothing is stored on a 400), then submits
 * idempotently: 201 the first time, 200 with the same order on a repeat, 409 for a reused reference.
 * Between the two, the shop's `authorizePlacement` decides whether this spends its vendor balance (403 if not):
 * being signed in is not being paid.
 */
export function placeOrderRoute(ctx: RouterContext): RequestHandler {
  return asyncHandler(async (req, res) => {
    const caller = callerOf(req);
    // A body the route's JSON parser skipped because of its type; no type at all is an empty body (400).
    if (req.body === undefined && req.get('content-type') && req.is('application/json') === false) {
      throw new HttpProblem('unsupported-media-type', { detail: 'Send the order as application/json.' });
    }
    const parsed = parsePlaceOrder(req.body, req.get(IDEMPOTENCY_HEADER), ctx.fulfiller.vendors);
    if (!parsed.ok) throw new HttpProblem('validation-error', { errors: parsed.issues });
    const { vendor, request, shopOrderId } = parsed.input;
    const placement: PlacementRequest = {
      vendor,
      reference: request.reference,
      lines: request.lines,
      caller: { ...caller },
      ...(request.recipient === undefined ? {} : { recipient: request.recipient }),
      ...(shopOrderId === undefined ? {} : { shopOrderId }),
    };
    // Only `true` places: a truthy slip (a Promise not awaited, an object) must not spend the balance.
    if ((await ctx.authorizePlacement(req, placement)) !== true) {
      throw new HttpProblem('forbidden', { detail: 'This order has not been authorized for placement.' });
    }
    const { order, created } = await ctx.fulfiller.submit({
      ...parsed.input,
      customerId: caller.customerId,
    });
    res
      .status(created ? 201 : 200)
      .location(`${req.baseUrl}${ctx.basePath}/orders/${encodeURIComponent(order.reference)}`)
      .json(renderOrder(order, false));
  });
}
