import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors';
import { createLocalScheduler } from '../../src/scheduler/local-scheduler';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { testFulfiller } from '../support/engine-fixtures';

describe('fulfiller.health()', () => {
  it('ok while running; names the stopped scheduler and the failing store, and never rejects', async () => {
    const { fulfiller, store } = testFulfiller([]);
    expect(await fulfiller.health()).toEqual({ ok: false, store: 'ok', scheduler: 'stopped' });
    await fulfiller.start();
    expect(await fulfiller.health()).toEqual({ ok: true, store: 'ok', scheduler: 'running' });
    store.list = () => Promise.reject(new StoreUnavailableError());
    expect(await fulfiller.health()).toEqual({ ok: false, store: 'failing', scheduler: 'running' });
    await fulfiller.stop();
  });

  it('a store that hangs is failing after the timeout, not a hung health check', async () => {
    const { fulfiller, store } = testFulfiller([]);
    await fulfiller.start();
    store.list = () => new Promise(() => {});
    expect(await fulfiller.health({ timeoutMs: 100 })).toMatchObject({ ok: false, store: 'failing' });
    await fulfiller.stop();
  });

  it("passes on the scheduler's stall, with its reason", async () => {
    const local = createLocalScheduler();
    const stalled: Scheduler = {
      ...local,
      health: async () => ({ state: 'stalled', reason: 'due work has waited' }),
    };
    const { fulfiller } = testFulfiller([], { scheduler: stalled });
    await fulfiller.start();
    expect(await fulfiller.health()).toEqual({
      ok: false,
      store: 'ok',
      scheduler: 'stalled',
      reason: 'due work has waited',
    });
    await fulfiller.stop();
  });
});

describe('local scheduler health', () => {
  it('stalled when due work waits with a slot free, running otherwise', async () => {
    let now = 1_000_000;
    const scheduler = createLocalScheduler({ now: () => now, stallAfterMs: 1_000 });
    expect(await scheduler.health?.()).toEqual({ state: 'stopped' });
    let release = () => {};
    await scheduler.start(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    expect(await scheduler.health?.()).toEqual({ state: 'running' });
    // Due long ago by the scheduler's clock, while its timer (real time) has not fired: nothing started it.
    await scheduler.schedule('a', now + 60_000);
    now += 120_000;
    expect(await scheduler.health?.()).toMatchObject({ state: 'stalled' });
    release();
    await scheduler.stop();
  });
});
