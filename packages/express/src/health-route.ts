import type { RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import type { RouterContext } from './router-context';

/** Seconds a 503 asks a load balancer or client to wait before asking again. */
export const HEALTH_RETRY_AFTER_SECONDS = 5;

/**
 * `GET /health`: 200 when the engine's store answers and its scheduler picks work up; 503 with `Retry-After`
 * when the store is unreachable or the scheduler is stopped or stalled — a process whose orders stand still
 * must not look healthy to the orchestrator.
 */
export function healthRoute(ctx: RouterContext): RequestHandler {
  return asyncHandler(async (_req, res) => {
    const health = await ctx.fulfiller.health();
    res.set('Cache-Control', 'no-store');
    if (!health.ok) {
      ctx.logger.warn({ health }, 'health check failed');
      res.set('Retry-After', String(HEALTH_RETRY_AFTER_SECONDS));
    }
    res
      .status(health.ok ? 200 : 503)
      .json({ status: health.ok ? 'ok' : 'unavailable', store: health.store, scheduler: health.scheduler });
  });
}
