import { Secret } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache';

function setup(fail = false) {
  let clock = 0;
  let bought = 0;
  const cache = createTokenCache({
    now: () => clock,
    refreshAfterMs: 100,
    fetch: async () => {
      bought += 1;
      if (fail && bought === 1) throw new Error('verify failed');
      return new Secret(`token-${bought}`);
    },
  });
  return { cache, bought: () => bought, tick: (ms: number) => (clock += ms) };
}

describe('createTokenCache', () => {
  it('concurrent callers share one purchase; a new one is bought once the refresh time passed', async () => {
    const { cache, bought, tick } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    expect(new Set(tokens.map((t) => t.reveal()))).toEqual(new Set(['token-1']));
    expect(bought()).toBe(1);
    tick(99);
    expect((await cache.get()).reveal()).toBe('token-1');
    tick(1);
    expect((await cache.get()).reveal()).toBe('token-2');
    expect(bought()).toBe(2);
  });

  it('invalidate drops only the token it names', async () => {
    const { cache, bought } = setup();
    const first = await cache.get();
    cache.invalidate(new Secret('token-1'));
    expect(await cache.get()).toBe(first);
    cache.invalidate(first);
    const second = await cache.get();
    expect(second.reveal()).toBe('token-2');
    cache.invalidate(first);
    expect(await cache.get()).toBe(second);
    expect(bought()).toBe(2);
  });

  it('a failed purchase is not cached', async () => {
    const { cache } = setup(true);
    await expect(cache.get()).rejects.toThrow('verify failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.get()).reveal()).toBe('token-2');
  });
});
