import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, GiftwireError } from '@giftwire/core';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Scheduler } from './scheduler';

/**
 * A connection string (the scheduler creates, starts and stops its own PgBoss and pool), or a PgBoss you
 * already run: start it before use and stop it yourself; the scheduler only creates its queue and fetches.
 */
export type PgBossConnection = { connectionString: string } | { boss: PgBoss };

export interface PgBossSchedulerOptions {
  /** Default `giftwire-orders`. Every process of one shop must use the same queue. */
  queue?: string;
  /** Most runs this process has in flight at once. Default 8. */
  concurrency?: number;
  /** How often an idle process asks for due work, at least 0.5. Default 0.5. */
  pollingIntervalSeconds?: number;
  /**
   * A run that has not settled after this long is presumed lost (a crashed or stuck process) and handed out
   * again. Default 300; keep it well above the longest vendor call a run may make.
   */
  expireInSeconds?: number;
  /** Retries of a run that throws or expires before its job is given up. Default 10. */
  retryLimit?: number;
  /** Wait before the first retry; doubles (with jitter) for each further retry. Default 5. */
  retryDelaySeconds?: number;
  /**
   * The pg-boss schema, default `pgboss`. With a PgBoss of your own, pass the schema it was built with:
   * `schedule()` writes one statement to it directly (see `PULL_FORWARD`).
   */
  schema?: string;
  /** Errors that no caller can receive: pg-boss's own, and failures to record a run's outcome. */
  onError?: (error: unknown) => void;
}

/*
 * Why the queue is 'stately': pg-boss then keeps at most one job per singletonKey in each state, so with the
 * order reference as the key an order has at most one run active (runs of one order never overlap, in any
 * process) and at most one waiting (created) behind it. A run may schedule its own order again; that waiting
 * job is what carries the order on once the run ends.
 *
 * Scheduling a reference that already has a waiting job: pg-boss refuses the second job, so the first one
 * stands. Where the second asked for an earlier time, `schedule()` moves the waiting job forward to it
 * (`PULL_FORWARD`) — a webhook must not wait for the next poll. A later time changes nothing: the earlier run
 * re-reads the order and schedules again as needed, which is why refusing is safe.
 *
 * `at` is compared with the database's clock (pg-boss fetches jobs whose start_after < now()), so a host
 * whose clock runs ahead has its work run that much early: more often than asked, which the engine allows.
 *
 * Known costs of stately, from pg-boss's fetch: a job that is due while its order's previous run is still
 * active cannot be started, and while it is the oldest due job every fetch fails, so other orders wait
 * behind it until that run ends (timgit/pg-boss#535). Runs are short, so this is a delay, not a loss. A job
 * given up after `retryLimit` leaves the order to the engine's own sweep of due orders.
 *
 * Why our own fetch loop rather than `boss.work()`: pg-boss's worker completes jobs without awaiting it and
 * its graceful stop can miss a fetch in flight, so a run could start after stop() returned; it also lets a
 * run go on past its expiry. Here stop() awaits the loop, every run and every outcome it records.
 */

/** Stored as the job's data; the reference is also the singletonKey. */
const JobDataSchema = z.object({ reference: z.string().min(1) });

/**
 * Moves an order's waiting job to an earlier start. Written against pg-boss 10's job table (`name`,
 * `singleton_key`, `state`, `start_after`), since pg-boss offers no call for it.
 */
const PULL_FORWARD = (schema: string) => `
  UPDATE ${schema}.job SET start_after = LEAST(start_after, $3::timestamptz)
  WHERE name = $1 AND singleton_key = $2 AND state = 'created'
  RETURNING id`;

/**
 * A run must end before the database's expiry, which hands the job to another process under the same id:
 * recording this run's outcome after that would complete or fail the other process's run.
 */
const EXPIRY_MARGIN_MS = 5_000;

export function createPgBossScheduler(
  connection: PgBossConnection,
  options: PgBossSchedulerOptions = {},
): Scheduler {
  const settings = resolveSettings(options);
  const { queue, concurrency, schema } = settings;
  const owned = !('boss' in connection);
  const onError =
    options.onError ?? ((error: unknown) => console.error('giftwire pg-boss scheduler:', error));
  // A throwing handler must not break the fetch loop or make stop() reject.
  const report = (error: unknown) => {
    try {
      onError(error);
    } catch {}
  };
  const boss =
    'boss' in connection
      ? connection.boss
      : new PgBoss({
          connectionString: connection.connectionString,
          schema,
          application_name: 'giftwire',
          // Cron is not used; the clock-skew monitor that comes with it would only add queries.
          schedule: false,
        });
  // Without a listener an 'error' event (a dropped idle connection, say) would crash the process.
  if (owned) boss.on('error', report);

  let ready: Promise<void> | undefined;
  const prepare = () => {
    ready ??= (async () => {
      if (owned) await boss.start();
      await ensureQueue(boss, settings);
    })();
    return ready;
  };

  const inFlight = new Set<Promise<void>>();
  let startCalled = false;
  let loop: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let woken = false;
  let wakeNap: (() => void) | undefined;
  /** Ends the current pause, or the next one, so the loop fetches at once. */
  const wake = () => {
    woken = true;
    wakeNap?.();
  };
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeNap = undefined;
        resolve();
      }
      wakeNap = done;
    });

  const execute = async (job: PgBoss.Job<unknown>, run: (reference: string) => Promise<void>) => {
    let failure: { message: string } | undefined;
    try {
      const { reference } = JobDataSchema.parse(job.data);
      const expiresInMs = (Number(job.expireInSeconds) || settings.expireInSeconds) * 1000;
      await settleWithin(
        Promise.resolve().then(() => run(reference)),
        Math.max(expiresInMs - EXPIRY_MARGIN_MS, expiresInMs * 0.9),
      );
    } catch (error) {
      // Kept in pg-boss's job table for diagnosis: the name and message only, never the error's fields.
      failure = { message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    try {
      if (failure === undefined) await boss.complete(queue, job.id);
      else await boss.fail(queue, job.id, failure);
    } catch (error) {
      // The job stays active until it expires and is then run again: the engine tolerates an extra run.
      report(error);
    }
  };

  const fetchLoop = async (run: (reference: string) => Promise<void>) => {
    while (stopping === undefined) {
      // A wake from here on (a run ending, work due now) skips the next pause; older ones are served.
      woken = false;
      if (inFlight.size < concurrency) {
        let job: PgBoss.Job<unknown> | undefined;
        try {
          [job] = await boss.fetch<unknown>(queue, { batchSize: 1 });
        } catch (error) {
          report(error);
        }
        if (job !== undefined) {
          const running = execute(job, run).finally(() => {
            inFlight.delete(running);
            wake();
          });
          inFlight.add(running);
          continue;
        }
      }
      await nap(settings.pollingIntervalSeconds * 1000);
    }
  };

  return {
    async start(run) {
      if (startCalled || stopping !== undefined) {
        throw new GiftwireError('pg-boss scheduler: start() may be called once, and not after stop()');
      }
      startCalled = true;
      await prepare();
      if (stopping === undefined) loop = fetchLoop(run);
    },

    async schedule(reference, at) {
      if (!Number.isFinite(at))
        throw new RangeError(`pg-boss scheduler: invalid time ${at} for ${reference}`);
      if (owned && stopping !== undefined) throw new GiftwireError('pg-boss scheduler: stopped');
      await prepare();
      const startAfter = new Date(at);
      // Refused, then the waiting job started before it could be moved: that run began after this call, so
      // it serves it, but trying again costs little and covers a waiting job removed by hand.
      for (let attempt = 0; attempt < 3; attempt++) {
        const id = await boss.send(
          queue,
          { reference },
          {
            singletonKey: reference,
            startAfter,
            retryLimit: settings.retryLimit,
            retryDelay: settings.retryDelaySeconds,
            retryBackoff: true,
            expireInSeconds: settings.expireInSeconds,
          },
        );
        const placed =
          id !== null ||
          ((await boss.getDb().executeSql(PULL_FORWARD(schema), [queue, reference, startAfter]))?.rows ?? [])
            .length > 0;
        if (placed) {
          if (at <= Date.now()) wake();
          return;
        }
      }
    },

    stop() {
      stopping ??= (async () => {
        wake();
        await loop;
        await Promise.all(inFlight);
        // Nothing of ours is in flight any more, so pg-boss's own graceful wait ends at once.
        if (owned && ready !== undefined) {
          await ready.catch(() => undefined);
          await boss.stop({ graceful: true, wait: true, close: true });
        }
      })();
      return stopping;
    },
  };
}

type Settings = Required<Omit<PgBossSchedulerOptions, 'onError'>>;

function resolveSettings(options: PgBossSchedulerOptions): Settings {
  const settings: Settings = {
    queue: options.queue ?? 'giftwire-orders',
    concurrency: options.concurrency ?? 8,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
    expireInSeconds: options.expireInSeconds ?? 300,
    retryLimit: options.retryLimit ?? 10,
    retryDelaySeconds: options.retryDelaySeconds ?? 5,
    schema: options.schema ?? 'pgboss',
  };
  const problems = [
    !/^[\w-]+$/.test(settings.queue) && 'queue may hold letters, digits, _ and - only',
    !(Number.isInteger(settings.concurrency) && settings.concurrency >= 1) &&
      'concurrency must be an integer ≥ 1',
    !(settings.pollingIntervalSeconds >= 0.5) && 'pollingIntervalSeconds must be at least 0.5',
    !(Number.isInteger(settings.expireInSeconds) && settings.expireInSeconds >= 1) &&
      'expireInSeconds must be an integer ≥ 1',
    !(Number.isInteger(settings.retryLimit) && settings.retryLimit >= 0) &&
      'retryLimit must be an integer ≥ 0',
    !(Number.isInteger(settings.retryDelaySeconds) && settings.retryDelaySeconds >= 0) &&
      'retryDelaySeconds must be an integer ≥ 0',
    // Interpolated into SQL (`PULL_FORWARD`), so it must be a plain identifier.
    !/^[A-Za-z_]\w{0,49}$/.test(settings.schema) && 'schema must be a plain SQL identifier',
  ].filter((problem) => problem !== false);
  if (problems.length > 0) throw new ConfigurationError(`pg-boss scheduler: ${problems.join('; ')}`);
  return settings;
}

/** Creates the queue, or checks that an existing one is stately: without that, runs of one order could overlap. */
async function ensureQueue(boss: PgBoss, settings: Settings): Promise<void> {
  const { queue, retryLimit, retryDelaySeconds, expireInSeconds } = settings;
  let existing = await boss.getQueue(queue);
  // Processes starting together all find no queue; pg-boss's create_queue then deadlocks between them
  // (it creates and attaches a partition), so the losers wait a moment and look again.
  for (let attempt = 1; existing === null; attempt++) {
    try {
      await boss.createQueue(queue, {
        name: queue,
        policy: 'stately',
        retryLimit,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds,
      });
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(50 + Math.random() * 200 * attempt);
    }
    existing = await boss.getQueue(queue);
  }
  if (existing.policy !== 'stately') {
    throw new ConfigurationError(
      `pg-boss scheduler: queue "${queue}" exists with policy "${existing.policy}"; it must be "stately"`,
    );
  }
}

/** Rejects once `ms` have passed; the promise itself runs on, its outcome ignored. */
async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GiftwireError(`run still unsettled after ${Math.round(ms)} ms`)), ms);
  });
  try {
    await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
