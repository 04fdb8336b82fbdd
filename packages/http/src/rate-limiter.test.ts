import type { RateLimitRule } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './memory-rate-limit-store';
import type { RateLimitStore } from './rate-limit-store';
import { createRateLimiter, type RateLimiterOptions, type RateLimitKeys } from './rate-limiter';

/** A clock that only moves when the limiter sleeps, so every admission time is exact. */
function fakeTime(start = 0) {
  const clock = { t: start };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.t += ms;
    },
  };
}

function limiter(rules: RateLimitRule[], extra: { safetyMarginMs?: number; store?: RateLimitStore } = {}) {
  const time = fakeTime();
  const rl = createRateLimiter({ vendor: 'v', rules, now: time.now, sleep: time.sleep, ...extra });
  /** Acquires in sequence and returns the time each call was admitted. */
  const admit = async (
    n: number,
    operation: 'placeOrder' | 'getOrder' = 'placeOrder',
    keys?: RateLimitKeys,
  ) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      await (await rl.acquire(operation, keys)).release();
      times.push(time.now());
    }
    return times;
  };
  return { rl, time, admit };
}

describe('createRateLimiter', () => {
  it('keeps calls at least the spacing apart', async () => {
    const { admit } = limiter([{ kind: 'spacing', operation: 'placeOrder', intervalMs: 500 }]);
    expect(await admit(4)).toEqual([0, 500, 1000, 1500]);
  });

  it('counts a call released with a linger until that much later', async () => {
    const { rl, time } = limiter([{ kind: 'spacing', operation: 'placeOrder', intervalMs: 500 }]);
    await (await rl.acquire('placeOrder')).release({ lingerMs: 300 });
    await rl.acquire('placeOrder');
    // The first call counts from 300 (released at 0, lingering 300 ms): the next may leave at 800, not 500.
    expect(time.now()).toBe(800);
  });

  it('adds the safety margin to spacing and windows', async () => {
    const spaced = limiter([{ kind: 'spacing', operation: 'any', intervalMs: 500 }], { safetyMarginMs: 50 });
    expect(await spaced.admit(3)).toEqual([0, 550, 1100]);
    const windowed = limiter([{ kind: 'window', operation: 'any', limit: 2, windowMs: 1000 }], {
      safetyMarginMs: 50,
    });
    expect(await windowed.admit(3)).toEqual([0, 0, 1050]);
  });

  it('counts a sliding window: a burst at a fixed-window edge does not slip through', async () => {
    const { admit, time } = limiter([
      { kind: 'window', operation: 'placeOrder', limit: 6, windowMs: 60_000 },
    ]);
    time.clock.t = 59_000; // the end of what a fixed window would call [0, 60 000)
    expect(await admit(6)).toEqual(Array(6).fill(59_000));
    time.clock.t = 60_000; // a fixed window would start counting afresh here
    // Six calls already sit in the window (59 000, 119 000]: the next one must wait for them to leave it.
    expect(await admit(7)).toEqual([...Array(6).fill(119_000), 179_000]);
  });

  it('frees window slots one by one as the oldest calls leave', async () => {
    const { admit, time } = limiter([{ kind: 'window', operation: 'any', limit: 3, windowMs: 1000 }]);
    await admit(1);
    time.clock.t = 300;
    await admit(1);
    time.clock.t = 600;
    await admit(1);
    expect(await admit(3)).toEqual([1000, 1300, 1600]);
  });

  it('lets a bucket burst to its capacity, then refill at its rate', async () => {
    const { admit, time } = limiter([{ kind: 'bucket', operation: 'any', capacity: 3, refillPerSecond: 2 }]);
    expect(await admit(5)).toEqual([0, 0, 0, 500, 1000]);
    time.clock.t = 10_000; // refills to capacity, not beyond
    expect(await admit(4)).toEqual([10_000, 10_000, 10_000, 10_500]);
  });

  it('applies a rule only to its operation, and `any` rules to all', async () => {
    const { rl, time } = limiter([
      { kind: 'spacing', operation: 'placeOrder', intervalMs: 1000 },
      { kind: 'bucket', operation: 'any', capacity: 10, refillPerSecond: 1 },
    ]);
    await (await rl.acquire('placeOrder')).release();
    await (await rl.acquire('getOrder')).release();
    await (await rl.acquire('getOrder')).release();
    expect(time.now()).toBe(0);
    await (await rl.acquire('placeOrder')).release();
    expect(time.now()).toBe(1000);
  });

  it('keeps one counter per product and checks every product of a call', async () => {
    const { rl, time } = limiter([
      { kind: 'window', operation: 'placeOrder', scope: 'product', limit: 1, windowMs: 1000 },
    ]);
    await (await rl.acquire('placeOrder', { products: ['a'] })).release();
    await (await rl.acquire('placeOrder', { products: ['b'] })).release();
    expect(time.now()).toBe(0);
    // `c` is free but `a` is not: the call waits for `a`.
    await (await rl.acquire('placeOrder', { products: ['c', 'a'] })).release();
    expect(time.now()).toBe(1000);
    // That call counted for `c` too.
    await (await rl.acquire('placeOrder', { products: ['c'] })).release();
    expect(time.now()).toBe(2000);
  });

  it('keeps one counter per order; calls that name no order are not counted by an order rule', async () => {
    const { rl, time } = limiter([
      { kind: 'window', operation: 'any', scope: 'order', limit: 1, windowMs: 1000 },
    ]);
    await (await rl.acquire('getOrder', { order: 'o1' })).release();
    await (await rl.acquire('getOrder', { order: 'o2' })).release();
    await (await rl.acquire('listProducts')).release();
    await (await rl.acquire('listProducts')).release();
    expect(time.now()).toBe(0);
    await (await rl.acquire('getOrder', { order: 'o1' })).release();
    expect(time.now()).toBe(1000);
  });

  it('names keys vendor:rule:scope:value', async () => {
    const keys: string[][] = [];
    const store: RateLimitStore = {
      tryAcquire: async (checks) => {
        keys.push(checks.map((c) => c.key));
        return 0;
      },
      release: async () => {},
    };
    const rl = createRateLimiter({
      vendor: 'bamboo',
      store,
      rules: [
        { kind: 'spacing', operation: 'placeOrder', intervalMs: 500 },
        { kind: 'window', operation: 'placeOrder', scope: 'product', limit: 6, windowMs: 60_000 },
        { kind: 'window', operation: 'any', scope: 'order', limit: 60, windowMs: 3_600_000 },
      ],
    });
    await (await rl.acquire('placeOrder', { products: ['p1', 'p2', 'p1'], order: 'ref-1' })).release();
    expect(keys).toEqual([
      ['bamboo:0:vendor:*', 'bamboo:1:product:p1', 'bamboo:1:product:p2', 'bamboo:2:order:ref-1'],
    ]);
  });

  it('stops waiting when the signal aborts, and the aborted call records nothing', async () => {
    const store = createMemoryRateLimitStore();
    const rl = createRateLimiter({
      vendor: 'v',
      store,
      rules: [{ kind: 'window', operation: 'any', limit: 1, windowMs: 60_000 }],
    });
    await (await rl.acquire('any')).release();
    const controller = new AbortController();
    const reason = new Error('gave up');
    const waiting = rl.acquire('any', undefined, controller.signal);
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
    // Only the first call is in the window: one minute after it a call is free again.
    const check = [
      {
        key: 'v:0:vendor:*',
        rule: { kind: 'window', operation: 'any', limit: 1, windowMs: 60_000 } as const,
      },
    ];
    expect(await store.tryAcquire(check, Date.now() + 60_001)).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { rl } = limiter([{ kind: 'spacing', operation: 'any', intervalMs: 1 }]);
    const controller = new AbortController();
    controller.abort(new Error('no'));
    await expect(rl.acquire('any', undefined, controller.signal)).rejects.toThrow('no');
  });

  it('refuses rules with impossible numbers', () => {
    expect(() =>
      createRateLimiter({
        vendor: 'v',
        rules: [{ kind: 'window', operation: 'any', limit: 0, windowMs: 1 }],
      }),
    ).toThrow(/rule #0/);
    expect(() =>
      createRateLimiter({
        vendor: 'v',
        rules: [{ kind: 'bucket', operation: 'any', capacity: 1, refillPerSecond: 0 }],
      }),
    ).toThrow(/rule #0/);
  });
});

describe('calls in flight', () => {
  it('a spacing slot stays taken until the call finishes, then counts from its finish', async () => {
    let clock = 0;
    const rl = createRateLimiter({
      vendor: 'v',
      rules: [{ kind: 'spacing', operation: 'any', intervalMs: 100 }],
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const first = await rl.acquire('any');
    // The first call takes 250 ms: the vendor may see it arrive as late as t=250.
    let secondAt: number | undefined;
    const second = rl.acquire('any').then((permit) => {
      secondAt = clock;
      return permit;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock = 250;
    await first.release();
    await (await second).release();
    expect(secondAt).toBeGreaterThanOrEqual(350);
  });

  it('a window counts an in-flight call from when it finished', async () => {
    const store = createMemoryRateLimitStore();
    const rule = { kind: 'window', operation: 'any', limit: 1, windowMs: 1000 } as const;
    const check = [{ key: 'w', rule }];
    expect(await store.tryAcquire(check, 0, 60_000)).toBe(0);
    // While in flight it blocks for its whole hold.
    expect(await store.tryAcquire(check, 5_000)).toBeGreaterThan(50_000);
    await store.release(check, 60_000, 300);
    expect(await store.tryAcquire(check, 1_299)).toBe(1);
    expect(await store.tryAcquire(check, 1_300)).toBe(0);
  });

  it('an unreleased call stops blocking after its hold (a crashed process)', async () => {
    const store = createMemoryRateLimitStore();
    const check = [{ key: 's', rule: { kind: 'spacing', operation: 'any', intervalMs: 100 } as const }];
    expect(await store.tryAcquire(check, 0, 1_000)).toBe(0);
    expect(await store.tryAcquire(check, 1_099)).toBe(1);
    expect(await store.tryAcquire(check, 1_100)).toBe(0);
  });
});

describe('how long an unreleased permit holds', () => {
  const spacing = { kind: 'spacing', operation: 'placeOrder', intervalMs: 100 } as const;

  it('a permit acquired with holdMs blocks only that long when never released; without, the limiter default', async () => {
    const store = createMemoryRateLimitStore();
    const time = fakeTime();
    const rl = createRateLimiter({ vendor: 'v', rules: [spacing], store, now: time.now, sleep: time.sleep });
    // A call whose process dies mid-flight: acquired, never released.
    await rl.acquire('placeOrder', undefined, undefined, { holdMs: 2_000 });
    await rl.acquire('placeOrder');
    // The next one waits for the first's hold (2 s) plus the spacing, not the 60 s default.
    expect(time.clock.t).toBe(2_100);
    // The second was never released either, and took the default hold.
    await rl.acquire('placeOrder');
    expect(time.clock.t).toBe(2_100 + 60_000 + 100);
  });
});

describe('createMemoryRateLimitStore', () => {
  const window2 = { kind: 'window', operation: 'any', limit: 2, windowMs: 1000 } as const;
  const spacing = { kind: 'spacing', operation: 'any', intervalMs: 1000 } as const;
  const bucket1 = { kind: 'bucket', operation: 'any', capacity: 1, refillPerSecond: 1 } as const;

  it('records nothing when one check refuses (all or nothing)', async () => {
    const store = createMemoryRateLimitStore();
    expect(await store.tryAcquire([{ key: 's', rule: spacing }], 0)).toBe(0);
    // `s` refuses for 1000 ms more; `w` and `b` would allow, but must not count this call.
    expect(
      await store.tryAcquire(
        [
          { key: 'w', rule: window2 },
          { key: 'b', rule: bucket1 },
          { key: 's', rule: spacing },
        ],
        0,
      ),
    ).toBe(1000);
    expect(await store.tryAcquire([{ key: 'w', rule: window2 }], 0)).toBe(0);
    expect(await store.tryAcquire([{ key: 'w', rule: window2 }], 0)).toBe(0);
    expect(await store.tryAcquire([{ key: 'w', rule: window2 }], 0)).toBe(1000);
    expect(await store.tryAcquire([{ key: 'b', rule: bucket1 }], 0)).toBe(0);
  });

  it('answers the longest wait among the refusing checks', async () => {
    const store = createMemoryRateLimitStore();
    await store.tryAcquire(
      [
        { key: 'b', rule: bucket1 },
        { key: 's', rule: spacing },
      ],
      0,
    );
    expect(
      await store.tryAcquire(
        [
          { key: 'b', rule: bucket1 },
          { key: 's', rule: spacing },
        ],
        400,
      ),
    ).toBe(600);
  });

  it('forgets idle counters without changing answers', async () => {
    const store = createMemoryRateLimitStore();
    for (let i = 0; i < 100; i++) await store.tryAcquire([{ key: `p${i}`, rule: spacing }], 0);
    // After the sweep interval every counter is idle; a fresh call is admitted and the next one spaced.
    expect(await store.tryAcquire([{ key: 'p1', rule: spacing }], 120_000)).toBe(0);
    expect(await store.tryAcquire([{ key: 'p1', rule: spacing }], 120_001)).toBe(999);
  });

  it('keeps counters that still restrain calls through a sweep', async () => {
    const store = createMemoryRateLimitStore();
    const long = { kind: 'window', operation: 'any', limit: 1, windowMs: 100_000 } as const;
    const slow = { kind: 'bucket', operation: 'any', capacity: 2, refillPerSecond: 0.01 } as const;
    await store.tryAcquire(
      [
        { key: 'w', rule: long },
        { key: 'b', rule: slow },
      ],
      0,
    );
    await store.tryAcquire([{ key: 'b', rule: slow }], 0);
    // 61 s later a sweep runs; both counters must survive it.
    expect(await store.tryAcquire([{ key: 'w', rule: long }], 61_000)).toBe(39_000);
    expect(await store.tryAcquire([{ key: 'b', rule: slow }], 61_000)).toBe(39_000);
  });
});

/** A clock moved by the test: sleeps wait until `advance()` reaches them; counts the sleeps pending at once. */
function steppedTime() {
  let t = 0;
  let pending: { at: number; resolve: () => void }[] = [];
  let mostAtOnce = 0;
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    now: () => t,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { at: t + ms, resolve };
        pending.push(entry);
        mostAtOnce = Math.max(mostAtOnce, pending.length);
        signal?.addEventListener('abort', () => {
          pending = pending.filter((p) => p !== entry);
          reject(signal.reason);
        });
      }),
    /** Runs time forward to the soonest sleep and wakes it. False when nothing sleeps. */
    async advance() {
      await flush();
      const next = pending.sort((a, b) => a.at - b.at).shift();
      if (!next) return false;
      t = Math.max(t, next.at);
      next.resolve();
      await flush();
      return true;
    },
    get mostAtOnce() {
      return mostAtOnce;
    },
  };
}

/** A limiter of `rules` on a stepped clock, with `extra` options (a store). */
function steppedLimiter(rules: RateLimitRule[], extra: Partial<RateLimiterOptions> = {}) {
  const time = steppedTime();
  const rl = createRateLimiter({ vendor: 'v', rules, now: time.now, sleep: time.sleep, ...extra });
  return { time, rl };
}

/** Steps `time` until `promise` settles: its value and the stepped time it settled at. */
async function stepUntil<T>(time: ReturnType<typeof steppedTime>, promise: Promise<T>) {
  let at: number | undefined;
  let value: T | undefined;
  const settled = promise.then((v) => {
    at = time.now();
    value = v;
  });
  while (at === undefined && (await time.advance())) {}
  await settled;
  return { value: value as T, at: at! };
}

describe('waiting', () => {
  it('admits waiters first come, first served, on one timer however many wait', async () => {
    const { time, rl } = steppedLimiter([{ kind: 'spacing', operation: 'any', intervalMs: 100 }]);
    await (await rl.acquire('any')).release();
    const admitted: { who: number; at: number }[] = [];
    const waiting = Array.from({ length: 20 }, (_, who) =>
      rl.acquire('any').then(async (permit) => {
        admitted.push({ who, at: time.now() });
        await permit.release();
      }),
    );
    while (admitted.length < 20 && (await time.advance())) {}
    await Promise.all(waiting);
    expect(admitted.map((a) => a.who)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(admitted.map((a) => a.at)).toEqual(Array.from({ length: 20 }, (_, i) => 100 * (i + 1)));
    expect(time.mostAtOnce).toBe(1);
  });

  it('checks only the earliest waiter of a class while it waits for a slot', async () => {
    let checks = 0;
    const memory = createMemoryRateLimitStore();
    const store: RateLimitStore = {
      tryAcquire: (c, at, recordAt) => {
        checks++;
        return memory.tryAcquire(c, at, recordAt);
      },
      release: (c, recordedAt, finishedAt) => memory.release(c, recordedAt, finishedAt),
    };
    const { time, rl } = steppedLimiter([{ kind: 'window', operation: 'any', limit: 2, windowMs: 1000 }], {
      store,
    });
    const waiting = Array.from({ length: 50 }, () => rl.acquire('any').then((permit) => permit.release()));
    let done = 0;
    for (const w of waiting) void w.then(() => done++);
    while (done < 50 && (await time.advance())) {}
    await Promise.all(waiting);
    expect(time.now()).toBe(24_000);
    // Each admitted call, plus about one refusal per window opening: not every waiter on every release.
    expect(checks).toBeLessThan(50 * 3);
  });

  it('lets status reads go ahead of placements that queued before them, where one budget counts both', async () => {
    // Found by the proof suite: Starship counts every request in one window; placements offered at the
    // limit took the slots the placed orders' reads needed, and those orders went unread for minutes.
    const { time, rl } = steppedLimiter([{ kind: 'window', operation: 'any', limit: 2, windowMs: 1000 }]);
    await (await rl.acquire('placeOrder')).release();
    await (await rl.acquire('placeOrder')).release();
    const order: string[] = [];
    const take = (name: string, operation: 'placeOrder' | 'getOrder') =>
      rl.acquire(operation).then(async (permit) => {
        order.push(`${name}@${time.now()}`);
        await permit.release();
      });
    const waiting = [
      take('place-1', 'placeOrder'),
      take('place-2', 'placeOrder'),
      take('read-1', 'getOrder'),
      take('read-2', 'getOrder'),
    ];
    while (order.length < 4 && (await time.advance())) {}
    await Promise.all(waiting);
    // Reads first (in their own order), then the placements in theirs.
    expect(order).toEqual(['read-1@1000', 'read-2@1000', 'place-1@2000', 'place-2@2000']);
  });

  it('does not hold up other orders behind one order at its own limit', async () => {
    const { time, rl } = steppedLimiter([
      { kind: 'window', operation: 'any', limit: 100, windowMs: 1000 },
      { kind: 'window', operation: 'any', scope: 'order', limit: 1, windowMs: 1_000 },
    ]);
    await (await rl.acquire('getOrder', { order: 'o1' })).release();
    const o1 = rl.acquire('getOrder', { order: 'o1' });
    await (await rl.acquire('getOrder', { order: 'o2' })).release();
    await (await rl.acquire('getOrder', { order: 'o3' })).release();
    expect(time.now()).toBe(0);
    const { value: permit, at } = await stepUntil(time, o1);
    expect(at).toBe(1_000);
    await permit.release();
  });

  it('an aborted waiter leaves the queue, and the next one is admitted in its place', async () => {
    const { time, rl } = steppedLimiter([{ kind: 'spacing', operation: 'any', intervalMs: 100 }]);
    await (await rl.acquire('any')).release();
    const controller = new AbortController();
    const first = rl.acquire('any', undefined, controller.signal);
    const second = rl.acquire('any');
    controller.abort(new Error('gave up'));
    await expect(first).rejects.toThrow('gave up');
    const { value: permit, at } = await stepUntil(time, second);
    expect(at).toBe(100);
    await permit.release();
  });
});

describe('checking ahead', () => {
  it('grants a permit up to its lead early, and the permit is ready when the slot opens', async () => {
    const { time, rl } = steppedLimiter([{ kind: 'spacing', operation: 'any', intervalMs: 100 }]);
    await (await rl.acquire('any')).release();
    const granted = await stepUntil(time, rl.acquire('any', undefined, undefined, { leadMs: 30 }));
    expect(granted.at).toBe(70);
    const ready = await stepUntil(time, granted.value.ready!());
    expect(ready.at).toBe(100);
    await granted.value.release();
  });

  it('ignores the lead with a store that cannot check ahead', async () => {
    const memory = createMemoryRateLimitStore();
    const store: RateLimitStore = {
      tryAcquire: (checks, now, recordAt) => memory.tryAcquire(checks, now, recordAt),
      release: (checks, recordedAt, finishedAt) => memory.release(checks, recordedAt, finishedAt),
    };
    const { time, rl } = steppedLimiter([{ kind: 'spacing', operation: 'any', intervalMs: 100 }], { store });
    await (await rl.acquire('any')).release();
    const granted = await stepUntil(time, rl.acquire('any', undefined, undefined, { leadMs: 30 }));
    await granted.value.ready?.();
    expect(granted.at).toBe(100);
    expect(time.now()).toBe(100);
  });

  it('the memory store checks a window ahead but forgets calls only by now', async () => {
    const store = createMemoryRateLimitStore();
    const check = [
      { key: 'w', rule: { kind: 'window', operation: 'any', limit: 2, windowMs: 1000 } as const },
    ];
    expect(await store.tryAcquire(check, 0)).toBe(0);
    // At 1000 the call at 0 has left the window: allowed, as of then.
    expect(await store.tryAcquire(check, 900, 900, 1000)).toBe(0);
    // At 950 the call at 0 still counts, beside the one recorded for 1000.
    expect(await store.tryAcquire(check, 950)).toBe(50);
  });
});
