import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitRule } from '@giftwire/core';
import {
  createMemoryRateLimitStore,
  createRateLimiter,
  type RateLimitCheck,
  type RateLimitStore,
} from '@giftwire/http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore } from './redis-rate-limit-store';

const REDIS_URL = process.env.GIFTWIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'; // see vitest.shared.ts
/** Every key this file writes starts with this, so it can remove exactly its own keys afterwards. */
const BASE = `giftwire-test:${randomUUID()}:`;

const spacing = (intervalMs: number): RateLimitRule => ({ kind: 'spacing', operation: 'any', intervalMs });
const window = (limit: number, windowMs: number): RateLimitRule => ({
  kind: 'window',
  operation: 'any',
  limit,
  windowMs,
});
const bucket = (capacity: number, refillPerSecond: number): RateLimitRule => ({
  kind: 'bucket',
  operation: 'any',
  capacity,
  refillPerSecond,
});

/**
 * One `tryAcquire` (now, checks, the answer both stores must give, and optionally recordAt) or one
 * `release` (checks, recordedAt, finishedAt).
 */
type Step =
  | [now: number, checks: RateLimitCheck[], wait: number, recordAt?: number]
  | ['release', checks: RateLimitCheck[], recordedAt: number, finishedAt: number];

const S = { key: 's', rule: spacing(100) };
const W = { key: 'w', rule: window(2, 1000) };
const B = { key: 'b', rule: bucket(1, 1) };
const product = (id: string) => ({ key: `v:0:product:${id}`, rule: window(1, 60_000) });

const cases: Array<[name: string, steps: Step[]]> = [
  [
    'spacing',
    [
      [0, [{ key: 'k', rule: spacing(500) }], 0],
      [100, [{ key: 'k', rule: spacing(500) }], 400],
      [499, [{ key: 'k', rule: spacing(500) }], 1],
      [500, [{ key: 'k', rule: spacing(500) }], 0],
      [600, [{ key: 'k', rule: spacing(500) }], 400],
      [1100, [{ key: 'k', rule: spacing(500) }], 0],
    ],
  ],
  [
    'spacing with fractional numbers',
    [
      [0.5, [{ key: 'k', rule: spacing(333.3) }], 0],
      [100, [{ key: 'k', rule: spacing(333.3) }], 234],
      [334, [{ key: 'k', rule: spacing(333.3) }], 0],
      [400, [{ key: 'k', rule: spacing(333.3) }], 268],
    ],
  ],
  ['spacing of zero', [0, 0, 0].map((now): Step => [now, [{ key: 'k', rule: spacing(0) }], 0])],
  [
    'sliding window',
    [
      [0, [{ key: 'k', rule: window(3, 1000) }], 0],
      [10, [{ key: 'k', rule: window(3, 1000) }], 0],
      [20, [{ key: 'k', rule: window(3, 1000) }], 0],
      [30, [{ key: 'k', rule: window(3, 1000) }], 970],
      [999, [{ key: 'k', rule: window(3, 1000) }], 1],
      [1000, [{ key: 'k', rule: window(3, 1000) }], 0],
      // Live now: 10, 20, 1000 — the call at 10 must leave first.
      [1001, [{ key: 'k', rule: window(3, 1000) }], 9],
      [1010, [{ key: 'k', rule: window(3, 1000) }], 0],
      [1011, [{ key: 'k', rule: window(3, 1000) }], 9],
    ],
  ],
  [
    'a burst at a window edge does not slip through',
    [
      [900, [{ key: 'k', rule: window(2, 1000) }], 0],
      [950, [{ key: 'k', rule: window(2, 1000) }], 0],
      // A fixed window would start afresh at 1000 and admit two more within 100 ms.
      [1000, [{ key: 'k', rule: window(2, 1000) }], 900],
      [1001, [{ key: 'k', rule: window(2, 1000) }], 899],
      [1899, [{ key: 'k', rule: window(2, 1000) }], 1],
      [1900, [{ key: 'k', rule: window(2, 1000) }], 0],
      [1901, [{ key: 'k', rule: window(2, 1000) }], 49],
      [1950, [{ key: 'k', rule: window(2, 1000) }], 0],
      [1951, [{ key: 'k', rule: window(2, 1000) }], 949],
    ],
  ],
  [
    'bucket burst and refill',
    [
      [0, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [0, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [0, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [0, [{ key: 'k', rule: bucket(3, 2) }], 500],
      [250, [{ key: 'k', rule: bucket(3, 2) }], 250],
      [500, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [500, [{ key: 'k', rule: bucket(3, 2) }], 500],
      // Refilled to capacity, never beyond it.
      [10_000, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [10_000, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [10_000, [{ key: 'k', rule: bucket(3, 2) }], 0],
      [10_000, [{ key: 'k', rule: bucket(3, 2) }], 500],
    ],
  ],
  [
    'bucket with fractional tokens',
    [
      [0, [{ key: 'k', rule: bucket(1, 3) }], 0],
      [0, [{ key: 'k', rule: bucket(1, 3) }], 334],
      [100, [{ key: 'k', rule: bucket(1, 3) }], 234],
      // 1.002 tokens by now, capped at the capacity of 1: the spare 0.002 is lost.
      [334, [{ key: 'k', rule: bucket(1, 3) }], 0],
      [335, [{ key: 'k', rule: bucket(1, 3) }], 333],
    ],
  ],
  [
    'a call refused by one rule records nothing in the others',
    [
      [0, [S, W], 0],
      [50, [S, W], 50],
      [100, [S, W], 0],
      // The window (calls at 0 and 100) refuses; the spacing must not count this call.
      [200, [S, W], 800],
      [250, [S], 0],
      // The longest wait wins; the bucket would allow but must not count the call.
      [300, [S, W, B], 700],
      [300, [B], 0],
      [300, [B], 1000],
      // Only the call at 100 is still in the window: neither 200 nor 300 was counted.
      [1000, [W], 0],
      [1001, [W], 99],
    ],
  ],
  [
    'per-product keys',
    [
      [0, [product('p1')], 0],
      [0, [product('p2')], 0],
      [1, [product('p1')], 59_999],
      [1, [product('p3')], 0],
      [2, [product('p1'), product('p4')], 59_998],
      [3, [product('p4')], 0],
    ],
  ],
  [
    'a counter of another kind under the same key counts as absent',
    [
      [0, [{ key: 'k', rule: spacing(1000) }], 0],
      [1, [{ key: 'k', rule: window(1, 1000) }], 0],
      [2, [{ key: 'k', rule: window(1, 1000) }], 999],
      [3, [{ key: 'k', rule: spacing(1000) }], 0],
      [4, [{ key: 'k', rule: bucket(1, 1) }], 0],
      [5, [{ key: 'k', rule: spacing(1000) }], 0],
      [6, [{ key: 'k', rule: spacing(1000) }], 999],
    ],
  ],
  [
    'a call in flight blocks until released, then counts from its finish',
    [
      [0, [S], 0, 1_000],
      [150, [S], 950],
      ['release', [S], 1_000, 160],
      [200, [S], 60],
      [260, [S], 0],
      // Releasing a time that is no longer the last call changes nothing.
      ['release', [S], 160, 0],
      [300, [S], 60],
    ],
  ],
  [
    'calls in flight in a window',
    [
      [0, [W], 0, 5_000],
      [10, [W], 0, 5_000],
      [20, [W], 5_980],
      ['release', [W], 5_000, 30],
      [40, [W], 990],
      ['release', [W], 5_000, 50],
      // 30 and 50 are live; 30 must leave first.
      [60, [W], 970],
      [1_030, [W], 0, 1_030],
      ['release', [W], 4_000, 10],
      [1_040, [W], 10],
    ],
  ],
  [
    'a call recorded before now counts from now; a bucket ignores both times',
    [
      [100, [S], 0, 50],
      [150, [S], 50],
      [0, [B], 0, 5_000],
      ['release', [B], 5_000, 10],
      [10, [B], 990],
      // A release for a counter of another kind under the key leaves it alone.
      ['release', [{ key: 'b', rule: spacing(100) }], 0, 10],
      [20, [B], 980],
    ],
  ],
  [
    'the same key twice in one call counts twice',
    [
      [0, [W, W], 0],
      [1, [W], 999],
      [0, [B, B].map((c) => ({ ...c, rule: bucket(2, 2) })), 0],
      [0, [{ ...B, rule: bucket(2, 2) }], 500],
    ],
  ],
];

let admin: Redis;
beforeAll(() => {
  admin = new Redis(REDIS_URL);
});
afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${BASE}*`, 'COUNT', 500);
    if (keys.length > 0) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await admin.quit();
});

async function answers(store: RateLimitStore, steps: Step[]): Promise<number[]> {
  const result: number[] = [];
  for (const step of steps) {
    if (step[0] === 'release') await store.release(step[1], step[2], step[3]);
    else result.push(await store.tryAcquire(step[1], step[0], step[3]));
  }
  return result;
}

describe('createRedisRateLimitStore', () => {
  it.each(cases.map(([name, steps], index) => ({ name, steps, index })))(
    'answers as the memory store does: $name',
    async ({ steps, index }) => {
      const expected = steps.flatMap((step) => (step[0] === 'release' ? [] : [step[2]]));
      const redis = createRedisRateLimitStore({ redis: admin }, { prefix: `${BASE}case-${index}:` });
      const memory = createMemoryRateLimitStore();
      expect({
        memory: await answers(memory, steps),
        redis: await answers(redis, steps),
      }).toEqual({ memory: expected, redis: expected });
    },
  );

  it('lets counters expire once they no longer restrain anything', async () => {
    const prefix = `${BASE}expiry:`;
    const store = createRedisRateLimitStore({ redis: admin }, { prefix });
    const now = Date.now();
    await store.tryAcquire(
      [
        { key: 's', rule: spacing(5_000) },
        { key: 'w', rule: window(2, 30_000) },
        { key: 'b', rule: bucket(10, 0.5) },
      ],
      now,
    );
    const ttl = async (key: string) => admin.pttl(prefix + key);
    // Horizon plus the clock slack (60 s): spacing 5 s, window 30 s, bucket one token at 0.5/s = 2 s.
    expect(await ttl('s')).toBeGreaterThan(5_000 + 59_000);
    expect(await ttl('s')).toBeLessThanOrEqual(5_000 + 60_000);
    expect(await ttl('w')).toBeGreaterThan(30_000 + 59_000);
    expect(await ttl('b')).toBeGreaterThan(2_000 + 59_000);
    expect(await ttl('b')).toBeLessThanOrEqual(2_000 + 60_000);
    // A refused call writes nothing, not even a fresher expiry.
    await admin.pexpire(`${prefix}s`, 10_000);
    expect(await store.tryAcquire([{ key: 's', rule: spacing(5_000) }], now + 1)).toBe(4_999);
    expect(await ttl('s')).toBeLessThanOrEqual(10_000);
  });

  it('reloads its script when Redis has forgotten it', async () => {
    const store = createRedisRateLimitStore({ redis: admin }, { prefix: `${BASE}flush:` });
    expect(await store.tryAcquire([{ key: 'k', rule: spacing(100) }], 0)).toBe(0);
    await admin.script('FLUSH');
    expect(await store.tryAcquire([{ key: 'k', rule: spacing(100) }], 10)).toBe(90);
  });

  it('opens and closes its own client when given a URL', async () => {
    const store = createRedisRateLimitStore({ url: REDIS_URL }, { prefix: `${BASE}url:` });
    expect(await store.tryAcquire([{ key: 'k', rule: spacing(100) }], 0)).toBe(0);
    await store.close();
    await store.close();
    await expect(store.tryAcquire([{ key: 'k', rule: spacing(100) }], 200)).rejects.toThrow();
  });

  it('leaves a client it was given open', async () => {
    const store = createRedisRateLimitStore({ redis: admin }, { prefix: `${BASE}given:` });
    await store.close();
    expect(await store.tryAcquire([{ key: 'k', rule: spacing(100) }], 0)).toBe(0);
  });
});

describe('several processes sharing one limit', () => {
  interface Call {
    /** The `now` at which the store admitted the call. */
    start: number;
    /** When the call finished, as released. */
    end: number;
  }

  /**
   * Three connections, each with its own store and limiter as three processes would have, call as fast as
   * they may for a second; each call takes a few ms. Returns the calls, in order of admission.
   */
  async function hammer(rule: RateLimitRule, prefix: string): Promise<Call[]> {
    const calls: Call[] = [];
    const clients = [0, 1, 2].map(() => new Redis(REDIS_URL));
    const until = Date.now() + 1000;
    try {
      await Promise.all(
        clients.map(async (redis) => {
          const shared = createRedisRateLimitStore({ redis }, { prefix });
          let current: Call | undefined;
          const store: RateLimitStore = {
            async tryAcquire(checks, now, recordAt) {
              const wait = await shared.tryAcquire(checks, now, recordAt);
              if (wait === 0) current = { start: now, end: Number.POSITIVE_INFINITY };
              return wait;
            },
            async release(checks, recordedAt, finishedAt) {
              await shared.release(checks, recordedAt, finishedAt);
              if (current) calls.push({ ...current, end: finishedAt });
            },
          };
          const limiter = createRateLimiter({ vendor: 'v', rules: [rule], store });
          while (Date.now() < until) {
            const permit = await limiter.acquire('placeOrder');
            await sleep(Math.random() * 8);
            await permit.release();
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
    return calls.sort((a, b) => a.start - b.start);
  }

  it('never starts a call sooner than the spacing after the previous one finished', async () => {
    const calls = await hammer(spacing(20), `${BASE}hammer-spacing:`);
    expect(calls.length).toBeGreaterThanOrEqual(20);
    const gaps = calls.slice(1).map((call, i) => call.start - calls[i]!.end);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20);
  });

  it('never has more than the limit within any sliding window', async () => {
    const calls = await hammer(window(5, 100), `${BASE}hammer-window:`);
    expect(calls.length).toBeGreaterThanOrEqual(20);
    // Call j may only start once one of the five before it has left the window.
    const slack = calls
      .slice(5)
      .map((call, i) => call.start - Math.min(...calls.slice(i, i + 5).map((c) => c.end)));
    expect(Math.min(...slack)).toBeGreaterThanOrEqual(100);
  });
});
