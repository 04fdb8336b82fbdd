import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

describe('percentile (nearest rank)', () => {
  it('takes the value at the rank, never one between two', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 99)).toBe(40);
    expect(percentile([5], 1)).toBe(5);
  });
  it('has none for no values', () => {
    expect(percentile([], 50)).toBeUndefined();
  });
});
