import type { RequestHandler } from 'express';
import { z } from 'zod';
import { asyncHandler } from './async-handler';
import { callerOf } from './authenticate-caller';
import { HttpProblem } from './problem';
import { renderOrder } from './render-order';
import type { RouterContext } from './router-context';

const ListQuerySchema = z.object({
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int('must be an integer').min(1).max(100).default(20),
});

/** `GET /orders?cursor=&limit=`: the caller's orders, newest first, never with codes. */
export function listOrdersRoute(ctx: RouterContext): RequestHandler {
  return asyncHandler(async (req, res) => {
    const { customerId } = callerOf(req);
    const parsed = ListQuerySchema.safeParse({ cursor: req.query.cursor, limit: req.query.limit });
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      throw new HttpProblem('validation-error', { errors });
    }
    const { cursor, limit } = parsed.data;
    const page = await ctx.fulfiller.list({ customer: customerId, limit, ...(cursor ? { cursor } : {}) });
    res.json({
      orders: page.orders.map((order) => renderOrder(order, false)),
      nextCursor: page.nextCursor ?? null,
    });
  });
}
