import type { RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import type { RouterContext } from './router-context';

const STORE_TIMEOUT_MS = 2_000;

/** `GET /health`: 200 when the store answers and the scheduler runs; 503 naming the part that does not. */
export function healthRoute(ctx: RouterContext): RequestHandler {
  return asyncHandler(async (_req, res) => {
    const store = await probeStore(ctx);
    const scheduler = ctx.fulfiller.running ? 'running' : 'stopped';
    const ok = store === 'ok' && scheduler === 'running';
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ok ? 'ok' : 'unavailable', store, scheduler });
  });
}

async function probeStore(ctx: RouterContext): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  // A hung database must not hang the health check, or the orchestrator never learns of it.
  const timeout = new Promise<'failing'>((resolve) => {
    timer = setTimeout(() => resolve('failing'), STORE_TIMEOUT_MS);
  });
  const probe = ctx.fulfiller.list({ limit: 1 }).then(
    () => 'ok' as const,
    (err: unknown) => {
      ctx.logger.warn({ err }, 'health check: the order store failed');
      return 'failing' as const;
    },
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
