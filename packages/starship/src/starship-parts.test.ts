import { describe, expect, it } from 'vitest';
import {
  joinStarshipOrderIds,
  parseStarshipPartRef,
  splitStarshipOrderIds,
  starshipParts,
} from './starship-parts';

const REF = '5f0c8a5e-2b7d-4c1e-9f57-3f8a1d2c4b6e';

describe('starshipParts', () => {
  it('one line: our reference as ref, one stable key inside 8–256 characters', () => {
    const [part, ...rest] = starshipParts(REF, 1);
    expect(rest).toEqual([]);
    expect(part).toEqual({ index: 0, count: 1, ref: REF, idempotencyKey: `giftwire-${REF}` });
    expect(part!.idempotencyKey.length).toBeGreaterThanOrEqual(8);
    expect(part!.idempotencyKey.length).toBeLessThanOrEqual(256);
  });

  it('three lines: three refs and three keys, the same every time', () => {
    const parts = starshipParts(REF, 3);
    expect(parts.map((p) => p.ref)).toEqual([`${REF}-1of3`, `${REF}-2of3`, `${REF}-3of3`]);
    expect(new Set(parts.map((p) => p.idempotencyKey)).size).toBe(3);
    expect(starshipParts(REF, 3)).toEqual(parts);
  });
});

describe('parseStarshipPartRef', () => {
  it('reads refs back case-insensitively', () => {
    expect(parseStarshipPartRef(`${REF.toUpperCase()}-2OF3`)).toEqual({ reference: REF, index: 1, count: 3 });
    expect(parseStarshipPartRef(REF.toUpperCase())).toEqual({ reference: REF, index: 0, count: 1 });
  });
  it('a suffix that cannot be a part is part of the reference', () => {
    expect(parseStarshipPartRef('abc-4of3')).toEqual({ reference: 'abc-4of3', index: 0, count: 1 });
    expect(parseStarshipPartRef('abc-1of1')).toEqual({ reference: 'abc-1of1', index: 0, count: 1 });
  });
});

describe('vendor order ids', () => {
  it('round-trips "a,b,c"', () => {
    expect(splitStarshipOrderIds(joinStarshipOrderIds([1, 22, 333]))).toEqual([1, 22, 333]);
    expect(splitStarshipOrderIds('12345')).toEqual([12345]);
  });
  it.each(['', '0', '-1', 'abc', '1,,2', '1.5', '99999999999999999999'])('refuses %j', (value) => {
    expect(splitStarshipOrderIds(value)).toBeUndefined();
  });
});
