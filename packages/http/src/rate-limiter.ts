import { ConfigurationError, type RateLimitRule, type VendorOperation } from '@giftwire/core';
import { abortableSleep } from './abortable-sleep';
import { createMemoryRateLimitStore } from './memory-rate-limit-store';
import type { RateLimitCheck, RateLimitStore } from './rate-limit-store';

/*
 * Why this is our own code: vendors state limits as sliding windows ("6 orders per product within any
 * minute"), minimum spacing ("500 ms between placements") and bursts, several at once, and one call must be
 * admitted by all of them or by none. No well-kept library does that with a swappable shared store:
 * rate-limiter-flexible counts fixed windows and consumes rules one by one (a refusal by the second rule
 * has already spent the first), and bottleneck is unmaintained.
 */

/** The product(s) and order a call concerns, for product- and order-scoped rules. */
export interface RateLimitKeys {
  products?: readonly string[];
  order?: string;
}

export interface RateLimiter {
  /**
   * Waits until every rule that applies to `operation` allows one more call, then records it. Rejects with
   * the signal's reason if it aborts while waiting; an aborted wait records nothing.
   */
  acquire(operation: VendorOperation, keys?: RateLimitKeys, signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  vendor: string;
  rules: readonly RateLimitRule[];
  store?: RateLimitStore;
  now?: () => number;
  /**
   * Added to spacing intervals and window lengths: our clock and the vendor's see a call at slightly
   * different moments, and a call that lands a few milliseconds early is refused.
   */
  safetyMarginMs?: number;
  /** Injectable for tests; must reject with `signal.reason` when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface IndexedRule {
  index: number;
  rule: RateLimitRule;
}

/**
 * Rules whose counters are scoped to a product or an order apply only to calls that name one: a catalogue
 * call is not "a request about an order". A product-scoped rule with several products checks each product.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { vendor, store = createMemoryRateLimitStore(), now = Date.now, safetyMarginMs = 0 } = options;
  const sleep = options.sleep ?? abortableSleep;
  const rules = options.rules.map((rule, index) => {
    assertValidRule(vendor, rule, index);
    return { index, rule: withMargin(rule, safetyMarginMs) };
  });
  const byOperation = new Map<VendorOperation, IndexedRule[]>();
  const rulesFor = (operation: VendorOperation): IndexedRule[] => {
    let found = byOperation.get(operation);
    if (found === undefined) {
      found = rules.filter(({ rule }) => rule.operation === 'any' || rule.operation === operation);
      byOperation.set(operation, found);
    }
    return found;
  };

  return {
    async acquire(operation, keys, signal) {
      const applicable = rulesFor(operation);
      if (applicable.length === 0) return;
      const checks = checksFor(vendor, applicable, keys);
      if (checks.length === 0) return;
      for (;;) {
        signal?.throwIfAborted();
        const wait = await store.tryAcquire(checks, now());
        if (wait <= 0) return;
        await sleep(wait, signal);
      }
    },
  };
}

function checksFor(
  vendor: string,
  rules: readonly IndexedRule[],
  keys: RateLimitKeys | undefined,
): RateLimitCheck[] {
  const checks: RateLimitCheck[] = [];
  for (const { index, rule } of rules) {
    const scope = rule.scope ?? 'vendor';
    if (scope === 'vendor') {
      checks.push({ key: `${vendor}:${index}:vendor:*`, rule });
    } else if (scope === 'product') {
      for (const product of new Set(keys?.products ?? [])) {
        checks.push({ key: `${vendor}:${index}:product:${product}`, rule });
      }
    } else if (keys?.order !== undefined) {
      checks.push({ key: `${vendor}:${index}:order:${keys.order}`, rule });
    }
  }
  return checks;
}

function withMargin(rule: RateLimitRule, marginMs: number): RateLimitRule {
  if (marginMs === 0) return rule;
  switch (rule.kind) {
    case 'spacing':
      return { ...rule, intervalMs: rule.intervalMs + marginMs };
    case 'window':
      return { ...rule, windowMs: rule.windowMs + marginMs };
    case 'bucket':
      return rule;
  }
}

function assertValidRule(vendor: string, rule: RateLimitRule, index: number): void {
  const ok =
    rule.kind === 'spacing'
      ? rule.intervalMs >= 0
      : rule.kind === 'window'
        ? rule.limit >= 1 && rule.windowMs > 0
        : rule.capacity >= 1 && rule.refillPerSecond > 0;
  if (!ok)
    throw new ConfigurationError(
      `${vendor}: rate limit rule #${index} (${rule.kind}) has impossible numbers`,
    );
}
