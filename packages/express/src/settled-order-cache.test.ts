import { describe, expect, it } from 'vitest';
import { SettledOrderCache } from './settled-order-cache';

describe('SettledOrderCache', () => {
  it('evicts the least recently used entry past its bound', () => {
    const cache = new SettledOrderCache(2);
    cache.set('a', { customerId: 'c', json: 'A' });
    cache.set('b', { customerId: 'c', json: 'B' });
    expect(cache.get('a')?.json).toBe('A');
    cache.set('c', { customerId: 'c', json: 'C' });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.json).toBe('A');
    expect(cache.size).toBe(2);
  });

  it('keeps nothing when its size is 0', () => {
    const cache = new SettledOrderCache(0);
    cache.set('a', { customerId: 'c', json: 'A' });
    expect(cache.get('a')).toBeUndefined();
  });
});
