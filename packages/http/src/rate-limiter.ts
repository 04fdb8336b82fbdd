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

/** A granted call. Release it when the call has finished (answered or failed), whatever happened. */
export interface RateLimitPermit {
  release(): Promise<void>;
}

export interface RateLimiter {
  /**
   * Waits until every rule that applies to `operation` allows one more call, then records it as in flight
   * until its permit is released. Rejects with the signal's reason if it aborts while waiting; an aborted
   * wait records nothing.
   */
  acquire(operation: VendorOperation, keys?: RateLimitKeys, signal?: AbortSignal): Promise<RateLimitPermit>;
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
  /**
   * How long a call may stay in flight before it stops blocking others even unreleased (a crashed
   * process never releases). Longer than the request timeout. Default 60 s.
   */
  holdMs?: number;
  /** Injectable for tests; must reject with `signal.reason` when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const NO_PERMIT: RateLimitPermit = { release: async () => {} };

interface IndexedRule {
  index: number;
  rule: RateLimitRule;
}

/**
 * Rules whose counters are scoped to a product or an order apply only to calls that name one: a catalogue
 * call is not "a request about an order". A product-scoped rule with several products checks each product.
 *
 * @example
 * const limiter = createRateLimiter({
 *   vendor: 'acme',
 *   rules: [{ kind: 'spacing', operation: 'placeOrder', intervalMs: 500 }],
 * });
 * const permit = await limiter.acquire('placeOrder');
 * try {
 *   await send();
 * } finally {
 *   await permit.release();
 * }
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const {
    vendor,
    store = createMemoryRateLimitStore(),
    now = Date.now,
    safetyMarginMs = 0,
    holdMs = 60_000,
  } = options;
  const sleep = options.sleep ?? abortableSleep;
  // Waiters in this process wake when a call here is released; releases in other processes (a shared
  // store) are noticed by re-checking at least this often.
  const recheckMs = recheckInterval(options.rules);
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const resolve of wakers) resolve();
    wakers.clear();
  };
  const nap = (ms: number, signal: AbortSignal | undefined) => {
    let resolveWake: (() => void) | undefined;
    const woken = new Promise<void>((resolve) => {
      resolveWake = resolve;
      wakers.add(resolve);
    });
    // A short wait is exact (a spacing or window slot opening); a long one is usually a call still in
    // flight, which may be released early by another process, so look again sooner.
    const napMs = ms > recheckMs * 4 ? recheckMs : ms;
    // Timers fire a millisecond or so late; for the last couple of milliseconds yield to the event loop
    // instead, so back-to-back calls at a vendor's exact spacing do not lose that millisecond every time.
    const pause =
      napMs <= 2 && options.sleep === undefined
        ? new Promise<void>((resolve) => setImmediate(resolve))
        : sleep(napMs > 2 && options.sleep === undefined ? napMs - 1 : napMs, signal);
    return Promise.race([pause, woken]).finally(() => {
      if (resolveWake) wakers.delete(resolveWake);
    });
  };
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
      if (applicable.length === 0) return NO_PERMIT;
      const checks = checksFor(vendor, applicable, keys);
      if (checks.length === 0) return NO_PERMIT;
      for (;;) {
        signal?.throwIfAborted();
        const at = now();
        const recordedAt = at + holdMs;
        const wait = await store.tryAcquire(checks, at, recordedAt);
        if (wait <= 0) {
          let released = false;
          return {
            release: async () => {
              if (released) return;
              released = true;
              await store.release(checks, recordedAt, Math.min(now(), recordedAt));
              wake();
            },
          };
        }
        await nap(wait, signal);
      }
    },
  };
}

/** Half the tightest spacing or per-call window share, between 5 ms and 250 ms. */
function recheckInterval(rules: readonly RateLimitRule[]): number {
  let tightest = 500;
  for (const rule of rules) {
    if (rule.kind === 'spacing') tightest = Math.min(tightest, rule.intervalMs);
    if (rule.kind === 'window') tightest = Math.min(tightest, rule.windowMs / rule.limit);
  }
  return Math.min(250, Math.max(5, Math.ceil(tightest / 2)));
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
