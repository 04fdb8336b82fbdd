import type { RateLimitRule, VendorOperation } from '@giftwire/core';
import type { RateCounter } from './rate-counter';
import type { SandboxReply } from './sandbox-reply';
import { scaleRateRule } from './scale-rate-rule';
import { slidingWindowCounter } from './sliding-window-counter';
import { spacingCounter } from './spacing-counter';
import { tokenBucketCounter } from './token-bucket-counter';
import type { RateViolation } from './vendor-sandbox';

/** A vendor's published rule, in the sandbox's own copy of the numbers. */
export type SandboxRateRule = RateLimitRule & {
  /** The sandbox's name for it, recorded in each violation. */
  name: string;
  /**
   * `call` (default): every call that reaches the rule counts, refused ones by other rules included.
   * `accepted`: only what the vendor accepted counts; checked with `check`, counted with `record`.
   */
  counts?: 'call' | 'accepted';
};

/** What a request is counted under for `product` and `order` scoped rules. */
export interface RateKeys {
  product?: Iterable<string | number>;
  order?: string;
}

export interface RateRefusal<Violation extends RateViolation> {
  violation: Violation;
  retryAfterMs: number;
  /** 429 with `Retry-After` in whole seconds (at least 1) and the vendor's body. */
  reply: SandboxReply;
}

export interface RateGuardOptions<Violation extends RateViolation> {
  rules: readonly SandboxRateRule[];
  /** Multiplies every rule's durations (default 1). */
  timeScale?: number;
  /** The vendor's 429 body; `rule` has its durations scaled. */
  body(rule: SandboxRateRule, retryAfterMs: number, key: string): unknown;
  /** Adds the vendor's own fields to each recorded violation. */
  describe?(violation: RateViolation, rule: SandboxRateRule, context: unknown): Violation;
}

export interface RateGuard<Violation extends RateViolation> {
  readonly violations: readonly Violation[];
  /** Checks every `call` rule of `operation` and, if all pass, counts the call against each. */
  admit(
    operation: VendorOperation,
    keys: RateKeys,
    now: number,
    context?: unknown,
  ): RateRefusal<Violation> | undefined;
  /** Checks the `accepted` rules without counting anything. */
  check(
    operation: VendorOperation,
    keys: RateKeys,
    now: number,
    context?: unknown,
  ): RateRefusal<Violation> | undefined;
  /** Counts an accepted request against the `accepted` rules. */
  record(operation: VendorOperation, keys: RateKeys, now: number): void;
}

interface Armed {
  rule: SandboxRateRule;
  counter: RateCounter;
}

/**
 * Rate rules as a vendor publishes them (spacing, sliding window, token bucket; per vendor, product or
 * order), answered 429 with `Retry-After`, each breach recorded. A refused call does not use a slot, so a
 * client that honours `Retry-After` gets through.
 *
 * @example
 * const guard = createRateGuard({
 *   rules: [{ name: 'spacing', kind: 'spacing', operation: 'placeOrder', intervalMs: 500 }],
 *   body: (rule) => ({ error: 'TooManyRequests', rule: rule.name }),
 * });
 * const refused = guard.admit('placeOrder', {}, clock.now());
 * if (refused) return refused.reply;
 */
export function createRateGuard<Violation extends RateViolation = RateViolation>(
  options: RateGuardOptions<Violation>,
): RateGuard<Violation> {
  const timeScale = options.timeScale ?? 1;
  const armed: Armed[] = options.rules.map((original) => {
    const rule = scaleRateRule(original, timeScale);
    return { rule, counter: counterFor(rule) };
  });
  const violations: Violation[] = [];

  const applicable = (operation: VendorOperation, counts: 'call' | 'accepted') =>
    armed.filter(
      ({ rule }) =>
        (rule.counts ?? 'call') === counts && (rule.operation === 'any' || rule.operation === operation),
    );

  function refuse(
    operation: VendorOperation,
    found: { armed: Armed; key: string; retryAfterMs: number },
    now: number,
    context: unknown,
  ): RateRefusal<Violation> {
    const { rule } = found.armed;
    const base: RateViolation = { rule: rule.name, operation, key: found.key, at: now };
    const violation = options.describe ? options.describe(base, rule, context) : (base as Violation);
    violations.push(violation);
    const seconds = Math.max(1, Math.ceil(found.retryAfterMs / 1000));
    return {
      violation,
      retryAfterMs: found.retryAfterMs,
      reply: {
        status: 429,
        body: options.body(rule, found.retryAfterMs, found.key),
        headers: { 'retry-after': String(seconds) },
      },
    };
  }

  function firstRefusal(rules: Armed[], keys: RateKeys, now: number) {
    for (const entry of rules) {
      for (const key of keysFor(entry.rule, keys)) {
        const retryAfterMs = entry.counter.check(key, now);
        if (retryAfterMs > 0) return { armed: entry, key, retryAfterMs };
      }
    }
    return undefined;
  }

  return {
    violations,
    admit(operation, keys, now, context) {
      const rules = applicable(operation, 'call');
      const found = firstRefusal(rules, keys, now);
      if (found) return refuse(operation, found, now, context);
      for (const entry of rules) for (const key of keysFor(entry.rule, keys)) entry.counter.record(key, now);
      return undefined;
    },
    check(operation, keys, now, context) {
      const found = firstRefusal(applicable(operation, 'accepted'), keys, now);
      return found && refuse(operation, found, now, context);
    },
    record(operation, keys, now) {
      for (const entry of applicable(operation, 'accepted')) {
        for (const key of keysFor(entry.rule, keys)) entry.counter.record(key, now);
      }
    },
  };
}

function counterFor(rule: RateLimitRule): RateCounter {
  switch (rule.kind) {
    case 'spacing':
      return spacingCounter(rule.intervalMs);
    case 'window':
      return slidingWindowCounter(rule.limit, rule.windowMs);
    case 'bucket':
      return tokenBucketCounter(rule.capacity, rule.refillPerSecond);
  }
}

function keysFor(rule: RateLimitRule, keys: RateKeys): string[] {
  switch (rule.scope ?? 'vendor') {
    case 'vendor':
      return ['vendor'];
    case 'product':
      return keys.product ? [...new Set([...keys.product].map(String))] : [];
    case 'order':
      return keys.order === undefined ? [] : [keys.order];
  }
}
