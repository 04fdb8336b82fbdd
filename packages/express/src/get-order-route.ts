import { normalizeReference } from '@giftwire/core';
import type { RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import { callerOf } from './authenticate-caller';
import { HttpProblem } from './problem';
import { renderOrder, revealedVoucherCount } from './render-order';
import type { RouterContext } from './router-context';

/**
 * `GET /orders/:reference`: the caller's own order, codes hidden unless `?reveal=codes` passes the rate
 * limit (mounted before this handler) and `authorize`. Another customer's order is a 404, never a 403, so
 * references cannot be probed.
 */
export function getOrderRoute(ctx: RouterContext): RequestHandler {
  return asyncHandler(async (req, res) => {
    const { customerId } = callerOf(req);
    // The cache is keyed like the engine: references are case-insensitive.
    const reference = normalizeReference(String(req.params.reference));
    const reveal = req.query.reveal;
    if (reveal !== undefined && reveal !== 'codes') {
      throw new HttpProblem('validation-error', { errors: [{ path: 'reveal', message: "must be 'codes'" }] });
    }
    if (reveal === undefined) {
      const hit = ctx.cache.get(reference);
      if (hit) {
        if (hit.customerId !== customerId) throw new HttpProblem('not-found');
        res.type('application/json').send(hit.json);
        return;
      }
    }
    const order = await ctx.fulfiller.get(reference);
    if (!order || order.customerId !== customerId) throw new HttpProblem('not-found');
    if (reveal === 'codes') {
      if (!(await ctx.authorize(req, order))) {
        throw new HttpProblem('forbidden', { detail: 'You may not see the codes of this order.' });
      }
      // The audit line counts vouchers; it never carries a code (and the logger redacts any that slip in).
      ctx.logger.info(
        { event: 'codes_revealed', reference, customerId, vouchers: revealedVoucherCount(order) },
        'voucher codes revealed',
      );
      res.set('Cache-Control', 'no-store').json(renderOrder(order, true));
      return;
    }
    const json = JSON.stringify(renderOrder(order, false));
    if (order.state === 'settled') ctx.cache.set(reference, { customerId: order.customerId, json });
    res.type('application/json').send(json);
  });
}
