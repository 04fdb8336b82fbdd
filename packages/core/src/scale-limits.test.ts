import { describe, expect, it } from 'vitest';
import type { VendorLimits } from './limits';
import { scaleLimits } from './scale-limits';

const limits: VendorLimits = {
  rateLimits: [
    { kind: 'spacing', operation: 'placeOrder', intervalMs: 500 },
    { kind: 'window', operation: 'placeOrder', scope: 'product', limit: 6, windowMs: 60_000 },
    { kind: 'bucket', operation: 'any', capacity: 20, refillPerSecond: 2 },
  ],
  maxCardsPerOrder: 500,
  poll: { initialDelayMs: 2000, intervalsMs: [1000, 5000] },
  deadlineMs: 3_600_000,
  cancelAtDeadline: 'unsupported',
};

describe('scaleLimits', () => {
  it('scales every duration and keeps counts', () => {
    const fast = scaleLimits(limits, 0.1);
    expect(fast.rateLimits).toEqual([
      { kind: 'spacing', operation: 'placeOrder', intervalMs: 50 },
      { kind: 'window', operation: 'placeOrder', scope: 'product', limit: 6, windowMs: 6000 },
      { kind: 'bucket', operation: 'any', capacity: 20, refillPerSecond: 20 },
    ]);
    expect(fast.poll).toEqual({ initialDelayMs: 200, intervalsMs: [100, 500] });
    expect(fast.deadlineMs).toBe(360_000);
    expect(fast.maxCardsPerOrder).toBe(500);
    expect(fast.partialSettlesAfterMs).toBeUndefined();
  });

  it('scales the time a partial answer needs to settle, when the vendor declares one', () => {
    const fast = scaleLimits({ ...limits, partialSettlesAfterMs: 600_000 }, 0.01);
    expect(fast.partialSettlesAfterMs).toBe(6000);
  });

  it('refuses a factor that is not positive', () => {
    expect(() => scaleLimits(limits, 0)).toThrow(RangeError);
  });
});
