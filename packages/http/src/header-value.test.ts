import { describe, expect, it } from 'vitest';
import { headerValue } from './header-value';

describe('headerValue', () => {
  it('finds a header whatever the case of its name', () => {
    expect(headerValue({ 'x-sig': 'a' }, 'X-Sig')).toBe('a');
    expect(headerValue({ 'X-Sig': 'b' }, 'x-sig')).toBe('b');
    expect(headerValue({ other: 'c' }, 'x-sig')).toBeUndefined();
  });

  it('takes the first of repeated values and reads fetch Headers', () => {
    expect(headerValue({ 'x-sig': ['1', '2'] }, 'x-sig')).toBe('1');
    expect(headerValue(new Headers({ 'X-Sig': 'd' }), 'x-sig')).toBe('d');
    expect(headerValue(new Headers(), 'x-sig')).toBeUndefined();
  });
});
