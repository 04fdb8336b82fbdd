import { describe, expect, it } from 'vitest';
import { dueCutoff, dueLimit, pageLimit } from './page-limit';

describe('query limits', () => {
  it('defaults and clamps the page size', () => {
    expect([undefined, Number.NaN, 0, -5, 1, 7.9, 500, 501, Number.POSITIVE_INFINITY].map(pageLimit)).toEqual(
      [50, 50, 1, 1, 1, 7, 500, 500, 500],
    );
  });

  it('floors the due limit and cut-off to integers', () => {
    expect([-1, 0, 2.7, Number.POSITIVE_INFINITY].map(dueLimit)).toEqual([0, 0, 2, 2_147_483_647]);
    expect(dueCutoff(1_700_000_000_000.9)).toBe(1_700_000_000_000);
    expect(dueCutoff(Number.POSITIVE_INFINITY)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => dueLimit(Number.NaN)).toThrow();
    expect(() => dueCutoff(Number.NaN)).toThrow();
  });
});
