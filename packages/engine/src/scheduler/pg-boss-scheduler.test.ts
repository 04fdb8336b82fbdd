import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError } from '@giftwire/core';
import { startTcpProxy, throughProxy } from '@giftwire/test-kit';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgBossScheduler,
  type PgBossConnection,
  type PgBossSchedulerOptions,
} from './pg-boss-scheduler';
import type { Scheduler, SchedulerHealth } from './scheduler';

/** The test server (see vitest.shared.ts); this file creates and drops its own database on it. */
const ADMIN_URL = process.env.GIFTWIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATABASE = `giftwire_scheduler_${randomUUID().replaceAll('-', '')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${DATABASE}`;
const connectionString = url.toString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${DATABASE}`);
  // Install pg-boss's schema once, so that schedulers started side by side only check it.
  const boss = new PgBoss({ connectionString, schedule: false, supervise: false });
  await boss.start();
  await boss.stop();
});

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

const started: Scheduler[] = [];
const errors: unknown[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));
  errors.length = 0;
});

let queues = 0;
/** A fresh queue per test keeps the tests apart in one database. */
const nextQueue = () => `test-${++queues}`;

function scheduler(
  queue: string,
  options: PgBossSchedulerOptions = {},
  connection: PgBossConnection = { connectionString },
): Scheduler {
  const created = createPgBossScheduler(connection, { queue, onError: (e) => errors.push(e), ...options });
  started.push(created);
  return created;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

async function waitForHealth(s: Scheduler, state: SchedulerHealth['state']): Promise<SchedulerHealth> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const health = (await s.health?.().catch(() => undefined)) ?? { state: 'stopped' as const };
    if (health.state === state) return health;
    if (Date.now() > deadline) throw new Error(`health stayed ${JSON.stringify(health)}, not ${state}`);
    await sleep(100);
  }
}

describe('createPgBossScheduler', () => {
  it('runs a reference once its time has come, scheduled before start()', async () => {
    const s = scheduler(nextQueue());
    const at = Date.now() + 1_000;
    await s.schedule('order-1', at);
    const runs: Array<{ reference: string; at: number }> = [];
    await s.start(async (reference) => {
      runs.push({ reference, at: Date.now() });
    });
    await until(() => runs.length > 0);
    expect(runs).toEqual([{ reference: 'order-1', at: expect.any(Number) }]);
    expect(runs[0]!.at).toBeGreaterThanOrEqual(at);
    expect(errors).toEqual([]);
  });

  it('runs once for several schedules of a reference that already waits', async () => {
    const s = scheduler(nextQueue());
    const now = Date.now();
    await s.schedule('order-1', now + 300);
    await s.schedule('order-1', now + 600);
    await s.schedule('order-1', now + 300);
    const runs: string[] = [];
    await s.start(async (reference) => {
      runs.push(reference);
    });
    await until(() => runs.length > 0);
    await sleep(1_500);
    expect(runs).toEqual(['order-1']);
  });

  it('moves a waiting reference to an earlier time asked for later', async () => {
    const s = scheduler(nextQueue());
    await s.schedule('order-1', Date.now() + 60_000);
    const runs: string[] = [];
    await s.start(async (reference) => {
      runs.push(reference);
    });
    await s.schedule('order-1', Date.now());
    await until(() => runs.length > 0, 2_000);
    expect(runs).toEqual(['order-1']);
  });

  it('never runs one reference twice at once, across two processes', async () => {
    const queue = nextQueue();
    const a = scheduler(queue, { concurrency: 4 });
    const b = scheduler(queue, { concurrency: 4 });
    const references = ['order-1', 'order-2', 'order-3'];
    const active = new Map<string, number>();
    let mostAtOnce = 0;
    let runs = 0;
    const until2s = Date.now() + 2_000;
    const run = (self: Scheduler) => async (reference: string) => {
      const now = (active.get(reference) ?? 0) + 1;
      active.set(reference, now);
      mostAtOnce = Math.max(mostAtOnce, now);
      runs++;
      // A run that schedules its own order again, as the engine's do.
      if (Date.now() < until2s) await self.schedule(reference, Date.now());
      await sleep(150);
      active.set(reference, (active.get(reference) ?? 1) - 1);
    };
    await Promise.all([a.start(run(a)), b.start(run(b))]);
    while (Date.now() < until2s) {
      for (const reference of references) await (Math.random() < 0.5 ? a : b).schedule(reference, Date.now());
      await sleep(30);
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(mostAtOnce).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(6);
    expect(errors).toEqual([]);
  });

  it('shares the work between two processes, each reference run by one of them', async () => {
    const queue = nextQueue();
    const boss = new PgBoss({ connectionString, schedule: false });
    await boss.start();
    try {
      const a = scheduler(queue, { concurrency: 2 });
      // The second process brings its own PgBoss, which the scheduler must leave running.
      const b = scheduler(queue, { concurrency: 2 }, { boss });
      const references = Array.from({ length: 20 }, (_, i) => `order-${i}`);
      for (const reference of references) await a.schedule(reference, Date.now());
      const ranOn: Record<'a' | 'b', string[]> = { a: [], b: [] };
      const run = (name: 'a' | 'b') => async (reference: string) => {
        ranOn[name].push(reference);
        await sleep(200);
      };
      await Promise.all([a.start(run('a')), b.start(run('b'))]);
      await until(() => ranOn.a.length + ranOn.b.length >= references.length, 10_000);
      await sleep(700);
      await Promise.all([a.stop(), b.stop()]);
      expect([...ranOn.a, ...ranOn.b].sort()).toEqual([...references].sort());
      expect(ranOn.a.length).toBeGreaterThan(0);
      expect(ranOn.b.length).toBeGreaterThan(0);
      expect(await boss.getQueue(queue)).toMatchObject({ policy: 'stately' });
      expect(errors).toEqual([]);
    } finally {
      await boss.stop();
    }
  });

  it('retries a run that throws, after a delay', async () => {
    const s = scheduler(nextQueue(), { retryDelaySeconds: 1 });
    const calls: number[] = [];
    await s.start(async () => {
      calls.push(Date.now());
      if (calls.length === 1) throw new Error('vendor down');
    });
    await s.schedule('order-1', Date.now());
    await until(() => calls.length >= 2, 8_000);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(1_000);
    await sleep(700);
    expect(calls).toHaveLength(2);
  });

  it('hands a run that hangs past its expiry out again', async () => {
    const s = scheduler(nextQueue(), { expireInSeconds: 1, retryDelaySeconds: 0 });
    let release = () => {};
    const hang = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    try {
      await s.start(async (reference) => {
        calls.push(reference);
        if (calls.length === 1) await hang;
      });
      await s.schedule('order-1', Date.now());
      await until(() => calls.length >= 2, 6_000);
      expect(calls).toEqual(['order-1', 'order-1']);
    } finally {
      release();
    }
  });

  it("a run in flight with its order's next job due does not hold back other orders", async () => {
    const s = scheduler(nextQueue(), { concurrency: 4 });
    let slowRunning = false;
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ran: Array<{ reference: string; whileSlowRan: boolean }> = [];
    try {
      await s.start(async (reference) => {
        ran.push({ reference, whileSlowRan: slowRunning });
        if (reference === 'slow' && ran.length === 1) {
          slowRunning = true;
          // The engine schedules an order's next step from inside its run: that job is due at once.
          await s.schedule('slow', Date.now());
          await slow;
          slowRunning = false;
        }
      });
      await s.schedule('slow', Date.now());
      await until(() => slowRunning);
      await sleep(100);
      await s.schedule('fast', Date.now() + 50);
      await until(() => ran.some((run) => run.reference === 'fast'), 8_000);
      expect(ran.find((run) => run.reference === 'fast')).toEqual({ reference: 'fast', whileSlowRan: true });
    } finally {
      release();
    }
  });

  it('takes back, within seconds, a job whose process stopped renewing it (killed)', async () => {
    const queue = nextQueue();
    const s = scheduler(queue, { leaseSeconds: 2 });
    await s.schedule('order-1', Date.now());
    // A process that fetched the job and died: pg-boss marked it active, and nobody will finish it.
    const dead = new PgBoss({ connectionString, schedule: false, supervise: false });
    await dead.start();
    try {
      const [taken] = await dead.fetch(queue);
      expect(taken).toBeDefined();
    } finally {
      await dead.stop();
    }
    const runs: string[] = [];
    await s.start(async (reference) => {
      runs.push(reference);
    });
    await until(() => runs.length > 0, 10_000);
    expect(runs).toEqual(['order-1']);
  });

  it('health: running while it fetches, stalled once it cannot reach its queue, running again after', async () => {
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    try {
      const s = scheduler(
        nextQueue(),
        { stallAfterSeconds: 1 },
        {
          connectionString: throughProxy(connectionString, proxy),
        },
      );
      expect(await s.health?.()).toEqual({ state: 'stopped' });
      await s.start(async () => {});
      expect(await s.health?.()).toEqual({ state: 'running' });
      proxy.cut();
      const stalled = await waitForHealth(s, 'stalled');
      expect(stalled.reason).toMatch(/fetching work has failed/);
      // Says what failed, never where: no host, port or user.
      expect(stalled.reason).not.toContain('127.0.0.1');
      expect(stalled.reason).not.toContain(String(proxy.port));
      proxy.restore();
      await waitForHealth(s, 'running');
    } finally {
      proxy.restore();
      await proxy.close();
    }
  });

  it('stop() waits for the run in flight and records its outcome', async () => {
    const queue = nextQueue();
    const s = scheduler(queue);
    let phase: 'idle' | 'running' | 'done' = 'idle';
    await s.start(async () => {
      phase = 'running';
      await sleep(1_000);
      phase = 'done';
    });
    await s.schedule('order-1', Date.now());
    await until(() => phase === 'running');
    await s.stop();
    expect(phase).toBe('done');
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT state FROM pgboss.job WHERE name = $1 AND singleton_key = $2',
        [queue, 'order-1'],
      );
      expect(rows).toEqual([{ state: 'completed' }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a queue that exists without the stately policy', async () => {
    const queue = nextQueue();
    const boss = new PgBoss({ connectionString, schedule: false, supervise: false });
    await boss.start();
    try {
      await boss.createQueue(queue, { name: queue, policy: 'standard' });
    } finally {
      await boss.stop();
    }
    const s = scheduler(queue);
    await expect(s.schedule('order-1', Date.now())).rejects.toSatisfy((error) =>
      ConfigurationError.isInstance(error),
    );
  });

  it('refuses impossible settings', () => {
    expect(() => createPgBossScheduler({ connectionString }, { concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createPgBossScheduler({ connectionString }, { pollingIntervalSeconds: 0.1 })).toThrow(
      /pollingIntervalSeconds/,
    );
    expect(() => createPgBossScheduler({ connectionString }, { schema: 'x; drop' })).toThrow(/schema/);
  });
});
