import type { RateLimitRule } from '@giftwire/core';
import type { RateLimitCheck, RateLimitStore } from './rate-limit-store';

type CounterState =
  | { kind: 'spacing'; last: number }
  /** Timestamps of the calls still inside the window, oldest first. */
  | { kind: 'window'; log: number[] }
  | { kind: 'bucket'; tokens: number; at: number };

/** Per-product and per-order keys come and go; forgetting idle ones keeps a long-running process small. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Counters in this process's memory. Single-threaded JavaScript makes each `tryAcquire` atomic for free;
 * a store shared between processes has to get the same all-or-nothing behaviour from its database.
 *
 * @example
 * const limiter = createRateLimiter({ vendor: 'acme', rules, store: createMemoryRateLimitStore() });
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const states = new Map<string, CounterState>();
  const rules = new Map<string, RateLimitRule>();
  let nextSweep = 0;

  const sweep = (now: number) => {
    for (const [key, state] of states) {
      const rule = rules.get(key);
      if (rule === undefined || idleFrom(state, rule) <= now) {
        states.delete(key);
        rules.delete(key);
      }
    }
  };

  return {
    checksAhead: true,
    async tryAcquire(checks, now, recordAt = now, checkAt = now) {
      if (now >= nextSweep) {
        sweep(now);
        nextSweep = now + SWEEP_EVERY_MS;
      }
      const at = Math.max(now, checkAt);
      let wait = 0;
      for (const check of checks) wait = Math.max(wait, waitFor(stateOf(states, check), check.rule, at));
      if (wait > 0) return wait;
      for (const check of checks) {
        // Recorded as of `now`: a bucket checked ahead may go below zero now, which is the token it will
        // have by `at`; a window forgets only calls that left it by now.
        states.set(check.key, record(stateOf(states, check), check.rule, now, Math.max(at, recordAt)));
        rules.set(check.key, check.rule);
      }
      return 0;
    },
    async release(checks, recordedAt, finishedAt) {
      for (const check of checks) {
        const state = stateOf(states, check);
        if (state) states.set(check.key, moveCall(state, recordedAt, finishedAt));
      }
    },
  };
}

/** Re-stamps one recorded call; a bucket has no per-call stamp and stays as it is. */
function moveCall(state: CounterState, from: number, to: number): CounterState {
  if (state.kind === 'spacing') return state.last === from ? { kind: 'spacing', last: to } : state;
  if (state.kind === 'window') {
    const index = state.log.indexOf(from);
    if (index >= 0) {
      state.log.splice(index, 1);
      insertSorted(state.log, to);
    }
  }
  return state;
}

function insertSorted(log: number[], at: number): void {
  let i = log.length;
  while (i > 0 && log[i - 1]! > at) i--;
  log.splice(i, 0, at);
}

function stateOf(states: Map<string, CounterState>, check: RateLimitCheck): CounterState | undefined {
  const state = states.get(check.key);
  return state?.kind === check.rule.kind ? state : undefined;
}

/** Milliseconds until `rule` allows one more call; 0 when it allows one now. */
function waitFor(state: CounterState | undefined, rule: RateLimitRule, now: number): number {
  if (state === undefined) return 0;
  switch (rule.kind) {
    case 'spacing': {
      const last = (state as Extract<CounterState, { kind: 'spacing' }>).last;
      return Math.max(0, Math.ceil(last + rule.intervalMs - now));
    }
    case 'window': {
      const log = (state as Extract<CounterState, { kind: 'window' }>).log;
      const firstLive = liveFrom(log, rule.windowMs, now);
      const inWindow = log.length - firstLive;
      if (inWindow < rule.limit) return 0;
      // The call that must leave the window before one more fits.
      const blocking = log[firstLive + inWindow - rule.limit]!;
      return Math.max(1, Math.ceil(blocking + rule.windowMs - now));
    }
    case 'bucket': {
      const tokens = refilled(state as Extract<CounterState, { kind: 'bucket' }>, rule, now);
      return tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - tokens) * 1000) / rule.refillPerSecond));
    }
  }
}

function record(state: CounterState | undefined, rule: RateLimitRule, now: number, at: number): CounterState {
  switch (rule.kind) {
    case 'spacing':
      return { kind: 'spacing', last: at };
    case 'window': {
      const log = state?.kind === 'window' ? state.log : [];
      const firstLive = liveFrom(log, rule.windowMs, now);
      if (firstLive > 0) log.splice(0, firstLive);
      // Calls still in flight sit in the future; keep the log sorted for `liveFrom` and `waitFor`.
      insertSorted(log, at);
      return { kind: 'window', log };
    }
    case 'bucket': {
      const tokens = state?.kind === 'bucket' ? refilled(state, rule, now) : rule.capacity;
      return { kind: 'bucket', tokens: tokens - 1, at: now };
    }
  }
}

/** Index of the first call still inside the sliding window ending at `now`. */
function liveFrom(log: readonly number[], windowMs: number, now: number): number {
  let i = 0;
  while (i < log.length && log[i]! + windowMs <= now) i++;
  return i;
}

function refilled(
  state: Extract<CounterState, { kind: 'bucket' }>,
  rule: Extract<RateLimitRule, { kind: 'bucket' }>,
  now: number,
): number {
  return Math.min(rule.capacity, state.tokens + (Math.max(0, now - state.at) * rule.refillPerSecond) / 1000);
}

/** From when a counter no longer restrains anything and may be forgotten. */
function idleFrom(state: CounterState, rule: RateLimitRule): number {
  if (state.kind === 'spacing' && rule.kind === 'spacing') return state.last + rule.intervalMs;
  if (state.kind === 'window' && rule.kind === 'window') return (state.log.at(-1) ?? 0) + rule.windowMs;
  if (state.kind === 'bucket' && rule.kind === 'bucket') {
    return state.at + ((rule.capacity - state.tokens) * 1000) / rule.refillPerSecond;
  }
  return 0;
}
