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
   * A run that has not settled after this long is presumed stuck: it is abandoned and its job failed (and
   * retried). Default 300; keep it well above the longest vendor call a run may make.
   */
  expireInSeconds?: number;
  /**
   * How long a job stays ours without news from this process. A live process renews its jobs every quarter of
   * this; a job not renewed for this long (its process was killed, or lost the database) is taken back by any
   * process and its order scheduled again at once. Default 10, at least 2.
   */
  leaseSeconds?: number;
  /**
   * `health()` reports the scheduler stalled when it has not fetched successfully for this long, or when due
   * work has waited this long while this process had a free slot. Default 30.
   */
  stallAfterSeconds?: number;
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
 * Why leases: pg-boss 10 only notices a lost job (its process SIGKILLed, or its `complete()` lost with the
 * database) once the job's `expire_in` has passed AND a maintenance run (every 2 minutes) sees it. With a
 * run's full time limit as `expire_in` that was minutes during which the order stood still — and, through
 * the stately fetch below, every other order too. So a job's `expire_in` is a short lease that the process
 * running it renews (`RENEW`); a job not renewed is presumed lost, and any process fails it (`EXPIRED`,
 * then pg-boss's own fail, which keeps its retry count) and schedules its order again now. The run's own
 * time limit (`expireInSeconds`) is enforced in-process. A run whose renewals failed for a whole lease (a
 * database outage) may overlap with its replacement: the engine's versioned writes make that an extra read,
 * and a placement in flight is reconciled by reference after `placementGraceMs`, never sent twice blindly.
 *
 * Why our own fetch (`FETCH`): pg-boss's picks the oldest due job and, in a stately queue, fails outright
 * when that job's order still has a run active (the unique index allows one active job per key;
 * timgit/pg-boss#535). Every process then fetched nothing until that run ended: one slow or dead run stalled
 * every order. Ours skips jobs whose order has a run active.
 *
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
 * `at` is compared with the database's clock (jobs are fetched once start_after < now()), so a host
 * whose clock runs ahead has its work run that much early: more often than asked, which the engine allows.
 *
 * A job given up after `retryLimit` leaves the order to the engine's own sweep of due orders.
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
 * pg-boss 10's fetch, minus jobs whose order has a run active (see "Why our own fetch"). Two processes
 * racing for two due jobs of one order can still collide on the unique index; the loser fetches again.
 */
const FETCH = (schema: string) => `
  WITH next AS (
    SELECT id FROM ${schema}.job j
    WHERE j.name = $1 AND j.state < 'active' AND j.start_after < now()
      AND NOT EXISTS (
        SELECT 1 FROM ${schema}.job a
        WHERE a.name = $1 AND a.state = 'active' AND a.singleton_key = j.singleton_key
      )
    ORDER BY j.priority DESC, j.created_on, j.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  UPDATE ${schema}.job j SET
    state = 'active',
    started_on = now(),
    -- A retried job carries the lease its last run had grown to; each run starts from a fresh one.
    expire_in = make_interval(secs => $2),
    retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
  FROM next
  WHERE j.name = $1 AND j.id = next.id
  RETURNING j.id, j.data`;

/** Extends this process's jobs' lease from now. */
const RENEW = (schema: string) => `
  UPDATE ${schema}.job SET expire_in = (now() - started_on) + make_interval(secs => $3)
  WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`;

/** Active jobs nobody renewed in time, except this process's own (which it is renewing). */
const EXPIRED = (schema: string) => `
  SELECT id, singleton_key FROM ${schema}.job
  WHERE name = $1 AND state = 'active' AND started_on + expire_in < now() AND NOT (id = ANY($2::uuid[]))
  LIMIT 500`;

/** How long the oldest due job not held back by its own order's active run has waited, in seconds. */
const OLDEST_DUE = (schema: string) => `
  SELECT EXTRACT(EPOCH FROM now() - min(j.start_after))::float8 AS waited FROM ${schema}.job j
  WHERE j.name = $1 AND j.state < 'active' AND j.start_after < now()
    AND NOT EXISTS (
      SELECT 1 FROM ${schema}.job a
      WHERE a.name = $1 AND a.state = 'active' AND a.singleton_key = j.singleton_key
    )`;

/**
 * Scheduling through pg-boss on PostgreSQL, for several engine instances: each order's next step is a job
 * that one process at a time runs, and a process that dies hands its jobs on when their lease expires.
 *
 * @example
 * import { createPgBossScheduler } from '@giftwire/engine/postgres';
 *
 * const scheduler = createPgBossScheduler({ connectionString: process.env.DATABASE_URL! }, { concurrency: 16 });
 * const fulfiller = createFulfiller({ vendors, store, scheduler, encryption });
 */
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
  const sql = async <Row>(text: string, values: unknown[]): Promise<Row[]> =>
    ((await boss.getDb().executeSql(text, values))?.rows ?? []) as Row[];

  let ready: Promise<void> | undefined;
  const prepare = () => {
    ready ??= (async () => {
      if (owned) await boss.start();
      await ensureQueue(boss, settings);
    })();
    return ready;
  };

  const inFlight = new Set<Promise<void>>();
  /** Ids of the jobs this process is running: renewed every tick, never taken back by this process. */
  const held = new Set<string>();
  let startCalled = false;
  let loop: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  let leaseTick: Promise<void> | undefined;
  /** Since when every fetch has failed (undefined while they succeed), and how the last one failed. */
  let failingSince: number | undefined;
  let lastFetchFailure: string | undefined;
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

  const execute = async (job: { id: string; data: unknown }, run: (reference: string) => Promise<void>) => {
    let failure: { message: string } | undefined;
    held.add(job.id);
    try {
      const { reference } = JobDataSchema.parse(job.data);
      await settleWithin(
        Promise.resolve().then(() => run(reference)),
        settings.expireInSeconds * 1000,
      );
    } catch (error) {
      // Kept in pg-boss's job table for diagnosis: the name and message only, never the error's fields.
      failure = { message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    try {
      if (failure === undefined) await boss.complete(queue, job.id);
      else await boss.fail(queue, job.id, failure);
    } catch (error) {
      // Not renewed from here on, so its lease runs out and some process takes it back (an extra run,
      // which the engine tolerates) within `leaseSeconds` of the database answering again.
      report(error);
    } finally {
      held.delete(job.id);
    }
  };

  const fetchOne = async (): Promise<{ id: string; data: unknown } | undefined> => {
    try {
      const [job] = await sql<{ id: string; data: unknown }>(FETCH(schema), [queue, settings.leaseSeconds]);
      failingSince = undefined;
      lastFetchFailure = undefined;
      return job;
    } catch (error) {
      // Two processes racing for two jobs of one order: not a failure of the database.
      if ((error as { code?: unknown }).code === '23505') {
        failingSince = undefined;
        return undefined;
      }
      failingSince ??= Date.now();
      lastFetchFailure = describeFailure(error);
      report(error);
      return undefined;
    }
  };

  const fetchLoop = async (run: (reference: string) => Promise<void>) => {
    while (stopping === undefined) {
      // A wake from here on (a run ending, work due now) skips the next pause; older ones are served.
      woken = false;
      if (inFlight.size < concurrency) {
        const job = await fetchOne();
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

  /** Renews this process's leases, then takes back jobs whose process stopped renewing them. */
  const tendLeases = async () => {
    const mine = [...held];
    try {
      if (mine.length > 0) await sql(RENEW(schema), [queue, mine, settings.leaseSeconds]);
      const lost = await sql<{ id: string; singleton_key: string | null }>(EXPIRED(schema), [queue, mine]);
      if (lost.length === 0) return;
      // pg-boss's own fail: the job keeps its retry count, so an order that kills every process running it
      // is given up after `retryLimit` instead of looping forever.
      for (const { id, singleton_key: reference } of lost) {
        await boss.fail(queue, id, { message: 'lease expired: the process running it stopped renewing it' });
        if (reference !== null) await schedule(reference, Date.now());
      }
    } catch (error) {
      report(error);
    }
  };

  const startLeases = () => {
    leaseTimer = setInterval(
      () => {
        // One tick at a time: a slow database must not pile them up.
        leaseTick ??= tendLeases().finally(() => {
          leaseTick = undefined;
        });
      },
      (settings.leaseSeconds * 1000) / 4,
    );
    leaseTimer.unref();
  };

  async function schedule(reference: string, at: number): Promise<void> {
    if (!Number.isFinite(at)) throw new RangeError(`pg-boss scheduler: invalid time ${at} for ${reference}`);
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
          // The first lease; the process that fetches it renews it while the run lasts.
          expireInSeconds: settings.leaseSeconds,
        },
      );
      const placed =
        id !== null || (await sql(PULL_FORWARD(schema), [queue, reference, startAfter])).length > 0;
      if (placed) {
        if (at <= Date.now()) wake();
        return;
      }
    }
  }

  return {
    async start(run) {
      if (startCalled || stopping !== undefined) {
        throw new GiftwireError('pg-boss scheduler: start() may be called once, and not after stop()');
      }
      startCalled = true;
      await prepare();
      if (stopping !== undefined) return;
      loop = fetchLoop(run);
      startLeases();
    },

    schedule,

    async health() {
      if (!startCalled || stopping !== undefined) return { state: 'stopped' };
      const stallMs = settings.stallAfterSeconds * 1000;
      if (failingSince !== undefined && Date.now() - failingSince > stallMs) {
        return {
          state: 'stalled',
          reason: `fetching work has failed for over ${settings.stallAfterSeconds} s (${lastFetchFailure})`,
        };
      }
      if (inFlight.size < concurrency) {
        const [row] = await sql<{ waited: number | null }>(OLDEST_DUE(schema), [queue]);
        const waited = row?.waited ?? 0;
        if (waited > settings.stallAfterSeconds) {
          return { state: 'stalled', reason: `due work has waited ${Math.round(waited)} s with a slot free` };
        }
      }
      return { state: 'running' };
    },

    stop() {
      stopping ??= (async () => {
        wake();
        await loop;
        await Promise.all(inFlight);
        if (leaseTimer) clearInterval(leaseTimer);
        await leaseTick;
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

/** What a fetch failure was, for health: a code or class name, never the message (it may name the host). */
function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w-]{1,40}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'unknown error';
}

type Settings = Required<Omit<PgBossSchedulerOptions, 'onError'>>;

function resolveSettings(options: PgBossSchedulerOptions): Settings {
  const settings: Settings = {
    queue: options.queue ?? 'giftwire-orders',
    concurrency: options.concurrency ?? 8,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
    expireInSeconds: options.expireInSeconds ?? 300,
    leaseSeconds: options.leaseSeconds ?? 10,
    stallAfterSeconds: options.stallAfterSeconds ?? 30,
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
    !(Number.isInteger(settings.leaseSeconds) && settings.leaseSeconds >= 2) &&
      'leaseSeconds must be an integer ≥ 2',
    !(settings.stallAfterSeconds > 0) && 'stallAfterSeconds must be positive',
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
  const { queue, retryLimit, retryDelaySeconds, leaseSeconds } = settings;
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
        expireInSeconds: leaseSeconds,
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
