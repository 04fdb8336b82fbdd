import { describe, expect, it } from 'vitest';
import { createRateGuard } from './create-rate-guard';

const body = (rule: { name: string }) => ({ error: 'TooManyRequests', rule: rule.name });

describe('createRateGuard', () => {
  it('spacing: refuses within the interval, Retry-After rounded up, a refusal uses no slot', () => {
    const guard = createRateGuard({
      rules: [{ name: 'spacing', kind: 'spacing', operation: 'placeOrder', intervalMs: 1500 }],
      body,
    });
    expect(guard.admit('placeOrder', {}, 0)).toBeUndefined();
    expect(guard.admit('getOrder', {}, 1)).toBeUndefined();
    const refused = guard.admit('placeOrder', {}, 100);
    expect(refused?.retryAfterMs).toBe(1400);
    expect(refused?.reply).toEqual({
      status: 429,
      body: { error: 'TooManyRequests', rule: 'spacing' },
      headers: { 'retry-after': '2' },
    });
    expect(guard.admit('placeOrder', {}, 1500)).toBeUndefined();
    expect(guard.violations).toEqual([{ rule: 'spacing', operation: 'placeOrder', key: 'vendor', at: 100 }]);
  });

  it('sliding window per product counts only what was recorded', () => {
    const guard = createRateGuard({
      rules: [
        {
          name: 'per product',
          kind: 'window',
          operation: 'placeOrder',
          scope: 'product',
          limit: 2,
          windowMs: 1000,
          counts: 'accepted',
        },
      ],
      body,
      describe: (violation, _rule, context) => ({ ...violation, context }),
    });
    for (const at of [0, 100]) {
      expect(guard.check('placeOrder', { product: [7] }, at)).toBeUndefined();
      guard.record('placeOrder', { product: [7] }, at);
    }
    expect(guard.check('placeOrder', { product: [8] }, 200)).toBeUndefined();
    expect(guard.check('placeOrder', { product: [8, 7] }, 200, 'ref')?.retryAfterMs).toBe(800);
    expect(guard.violations).toEqual([
      { rule: 'per product', operation: 'placeOrder', key: '7', at: 200, context: 'ref' },
    ]);
    // The order at t = 0 leaves the window at t = 1000 exactly.
    expect(guard.check('placeOrder', { product: [7] }, 1000)).toBeUndefined();
  });

  it('token bucket per order refills over time; timeScale speeds every rule up', () => {
    const guard = createRateGuard({
      rules: [
        { name: 'bucket', kind: 'bucket', operation: 'any', scope: 'order', capacity: 2, refillPerSecond: 1 },
      ],
      timeScale: 0.1,
      body,
    });
    expect(guard.admit('getOrder', { order: 'a' }, 0)).toBeUndefined();
    expect(guard.admit('getOrder', { order: 'a' }, 0)).toBeUndefined();
    expect(guard.admit('getOrder', { order: 'b' }, 0)).toBeUndefined();
    // Ten times faster: one token every 100 ms.
    expect(guard.admit('getOrder', { order: 'a' }, 50)?.retryAfterMs).toBe(50);
    expect(guard.admit('getOrder', { order: 'a' }, 100)).toBeUndefined();
    expect(guard.violations.map((v) => v.key)).toEqual(['a']);
  });
});
