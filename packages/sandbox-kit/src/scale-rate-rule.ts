import type { RateLimitRule } from '@giftwire/core';

/**
 * The rule with its durations multiplied by `timeScale` (0.05: twenty times faster), so a test can run a
 * vendor's published limits in a fraction of the time. A bucket refills `1 / timeScale` times faster.
 *
 * @example
 * scaleRateRule({ kind: 'spacing', operation: 'placeOrder', intervalMs: 500 }, 0.05); // intervalMs: 25
 */
export function scaleRateRule<Rule extends RateLimitRule>(rule: Rule, timeScale: number): Rule {
  if (!Number.isFinite(timeScale) || timeScale <= 0)
    throw new RangeError('timeScale must be a positive number');
  if (timeScale === 1) return rule;
  switch (rule.kind) {
    case 'spacing':
      return { ...rule, intervalMs: rule.intervalMs * timeScale };
    case 'window':
      return { ...rule, windowMs: rule.windowMs * timeScale };
    case 'bucket':
      return { ...rule, refillPerSecond: rule.refillPerSecond / timeScale };
  }
  return rule;
}
