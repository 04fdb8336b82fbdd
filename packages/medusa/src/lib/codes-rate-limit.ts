import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from '@medusajs/framework/http';

/**
 * At most `limit` code reads per customer per minute (in this process): enough for any page, too few to
 * script through a stolen session quickly.
 */
export function codesRateLimit(limit = 60, windowMs = 60_000) {
  const seen = new Map<string, number[]>();
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void => {
    const who =
      (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id ??
      req.ip ??
      '?';
    const now = Date.now();
    const recent = (seen.get(who) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= limit) {
      res.setHeader('Retry-After', String(Math.ceil((recent[0]! + windowMs - now) / 1000)));
      res.status(429).json({ type: 'too_many_requests', message: 'Too many code reads; try again shortly' });
      return;
    }
    recent.push(now);
    seen.set(who, recent);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value as string);
    next();
  };
}
