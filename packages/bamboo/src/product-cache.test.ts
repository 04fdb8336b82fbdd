import type { Product } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { createProductCache } from './product-cache';

const product = (id: string, max = '100'): Product => ({
  vendor: 'bamboo',
  id,
  name: id,
  brand: 'b',
  currency: 'USD',
  denomination: { type: 'range', min: '5', max },
  stock: null,
});

function cacheWith(catalog: Map<string, Product>) {
  let now = 0;
  const loads: string[] = [];
  const cache = createProductCache({
    ttlMs: 1_000,
    now: () => now,
    load: async (id) => {
      loads.push(id);
      return catalog.get(id);
    },
  });
  return { cache, loads, advance: (ms: number) => (now += ms) };
}

describe('createProductCache', () => {
  it('loads each product once, concurrently or not, until its entry is older than the TTL', async () => {
    const catalog = new Map([['1', product('1')]]);
    const { cache, loads, advance } = cacheWith(catalog);
    const [a, b] = await Promise.all([cache.resolve(['1']), cache.resolve(['1', '1'])]);
    expect(a.get('1')).toEqual(product('1'));
    expect(b.get('1')).toEqual(product('1'));
    advance(999);
    await cache.resolve(['1']);
    expect(loads).toEqual(['1']);
    catalog.set('1', product('1', '50'));
    advance(1);
    expect((await cache.resolve(['1'])).get('1')).toEqual(product('1', '50'));
    expect(loads).toEqual(['1', '1']);
  });

  it('does not remember a missing product, so one added later is found', async () => {
    const catalog = new Map<string, Product>();
    const { cache, loads } = cacheWith(catalog);
    expect((await cache.resolve(['2'])).has('2')).toBe(false);
    catalog.set('2', product('2'));
    expect((await cache.resolve(['2'])).has('2')).toBe(true);
    expect(loads).toEqual(['2', '2']);
  });

  it('takes entries from listings, and forgets them on demand', async () => {
    const { cache, loads } = cacheWith(new Map([['3', product('3')]]));
    cache.remember(product('3'));
    await cache.resolve(['3']);
    expect(loads).toEqual([]);
    cache.forget(['3']);
    await cache.resolve(['3']);
    expect(loads).toEqual(['3']);
  });

  it('rejects when the catalog cannot be read, and tries again next time', async () => {
    let fail = true;
    const cache = createProductCache({
      ttlMs: 1_000,
      now: () => 0,
      load: async (id) => {
        if (fail) throw new Error('catalog down');
        return product(id);
      },
    });
    await expect(cache.resolve(['4'])).rejects.toThrow('catalog down');
    fail = false;
    expect((await cache.resolve(['4'])).has('4')).toBe(true);
  });
});
