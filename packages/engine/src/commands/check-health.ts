import type { SchedulerHealth } from '../scheduler/scheduler';
import type { CommandContext } from './command-context';

/** What `fulfiller.health()` found: `ok` only when the store answers and the scheduler picks work up. */
export interface FulfillerHealth {
  ok: boolean;
  /** `failing`: the store did not answer a read within `timeoutMs` (unreachable, closed, or hung). */
  store: 'ok' | 'failing';
  /** `stalled`: started, but not picking work up (see the scheduler's own definition). */
  scheduler: SchedulerHealth['state'];
  /** Why the scheduler is stalled, when it says; safe to show (no host, no credential). */
  reason?: string;
}

/** `Fulfiller.health`: never rejects; each probe gives up after `timeoutMs` (a hung database must not hang it). */
export async function checkHealth(
  ctx: CommandContext,
  running: boolean,
  options: { timeoutMs?: number } = {},
): Promise<FulfillerHealth> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const [storeOk, schedulerHealth] = await Promise.all([
    within(
      timeoutMs,
      ctx.ready().then(() => ctx.store.list({ limit: 1 })),
      (err) => ctx.logger.warn({ err }, 'health check: the order store failed'),
    ).then((answer) => answer !== undefined),
    running
      ? within(
          timeoutMs,
          ctx.scheduler.health?.() ?? Promise.resolve({ state: 'running' } as SchedulerHealth),
        )
      : Promise.resolve<SchedulerHealth>({ state: 'stopped' }),
  ]);
  const schedulerState: SchedulerHealth = schedulerHealth ?? {
    state: 'stalled',
    reason: 'the scheduler did not answer its health check',
  };
  const health: FulfillerHealth = {
    ok: storeOk && schedulerState.state === 'running',
    store: storeOk ? 'ok' : 'failing',
    scheduler: schedulerState.state,
  };
  if (schedulerState.reason !== undefined) health.reason = schedulerState.reason;
  return health;
}

/** The promise's value, or undefined once it rejected or `ms` passed (its outcome then ignored). */
async function within<T>(
  ms: number,
  promise: Promise<T>,
  onError?: (error: unknown) => void,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([
      promise.catch((error: unknown) => {
        onError?.(error);
        return undefined;
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
