import type { VendorLimits } from './limits';

/**
 * Scales every duration in a vendor's limits by `factor` (0.1 = ten times faster). Meant for sandboxes
 * and benchmarks whose sandbox enforces the same scaled limits — never for a real vendor account.
 *
 * @example
 * // A sandbox and a client that both run 100 times faster than Bamboo's real limits.
 * const limits = scaleLimits(BAMBOO_LIMITS, 0.01); // deadlineMs 3 600 000 → 36 000
 */
export function scaleLimits(limits: VendorLimits, factor: number): VendorLimits {
  if (!(factor > 0)) throw new RangeError('factor must be greater than zero');
  const scale = (ms: number) => Math.max(1, Math.round(ms * factor));
  return {
    ...limits,
    rateLimits: limits.rateLimits.map((rule) => {
      if (rule.kind === 'spacing') return { ...rule, intervalMs: scale(rule.intervalMs) };
      if (rule.kind === 'window') return { ...rule, windowMs: scale(rule.windowMs) };
      return { ...rule, refillPerSecond: rule.refillPerSecond / factor };
    }),
    poll: {
      ...limits.poll,
      initialDelayMs: scale(limits.poll.initialDelayMs),
      intervalsMs: limits.poll.intervalsMs.map(scale),
    },
    deadlineMs: scale(limits.deadlineMs),
    ...(limits.partialSettlesAfterMs === undefined
      ? {}
      : { partialSettlesAfterMs: scale(limits.partialSettlesAfterMs) }),
  };
}
