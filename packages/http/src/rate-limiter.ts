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
  /**
   * The call is over. `lingerMs`: it keeps counting that much longer — for a request given up on without an
   * answer (a timeout), which may still reach the vendor's counter after we stopped waiting: a vendor slow
   * to answer may be slow to count too, and a backlog it counts at once is a burst over its limit.
   */
  release(options?: { lingerMs?: number }): Promise<void>;
  /**
   * Resolves once the call may leave. A permit acquired with `leadMs` is granted up to that much early, for
   * work that has to happen after the permit and before the request (the engine's durable "sending" write):
   * that work overlaps the wait instead of adding to it. Absent or already resolved: at once.
   */
  ready?(): Promise<void>;
}

export interface AcquireOptions {
  /**
   * Grant the permit when the call would be allowed this many milliseconds from now; the caller then awaits
   * `permit.ready()` before sending. Ignored by a store that cannot check ahead (`checksAhead`).
   */
  leadMs?: number;
  /**
   * How long this call may stay in flight at most (its timeout, plus what runs between permit and send):
   * past that it stops blocking others even unreleased — a process killed mid-call never releases. Default:
   * the limiter's `holdMs`. The http client passes its request timeout plus a margin, so a crashed call holds
   * a shared (Redis) limit for seconds, not a minute.
   */
  holdMs?: number;
}

export interface RateLimiter {
  /**
   * Waits until every rule that applies to `operation` allows one more call, then records it as in flight
   * until its permit is released. Rejects with the signal's reason if it aborts while waiting; an aborted
   * wait records nothing.
   */
  acquire(
    operation: VendorOperation,
    keys?: RateLimitKeys,
    signal?: AbortSignal,
    options?: AcquireOptions,
  ): Promise<RateLimitPermit>;
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
  const sleep = options.sleep;
  // Releases in other processes (a shared store) are noticed by re-checking at least this often.
  const recheckMs = recheckInterval(options.rules);
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

  /*
   * Waiters queue first come, first served, and one timer (for the soonest of them) drives the queue. Waking
   * every waiter whenever a slot might have opened, each with a timer of its own, cost hundreds of store
   * checks per admitted call with a few hundred waiters, and whoever woke first won, not whoever came first.
   * Waiters of one class (same operation, same vendor- and product-wide counters) share what blocks them:
   * while the earliest of a class waits for a slot, later ones are not checked at all. Order-scoped counters
   * are left out of the class, so one order at its own limit does not hold up the others.
   */
  const queue: Waiter[] = [];
  let pumping = false;
  /** A caller is trying outside the queue (nobody was waiting). */
  let trying = false;
  let pumpAgain = false;
  let timerAt = Number.POSITIVE_INFINITY;
  let cancelTimer: (() => void) | undefined;

  const grant = (checks: RateLimitCheck[], recordedAt: number, leaveAt: number): RateLimitPermit => {
    let released = false;
    return {
      ready: async () => {
        const ms = leaveAt - now();
        if (ms <= 0) return;
        await (sleep ?? abortableSleep)(ms);
      },
      release: async (options) => {
        if (released) return;
        released = true;
        await store.release(checks, recordedAt, Math.min(now() + (options?.lingerMs ?? 0), recordedAt));
        // A call leaving flight only shortens waits it was blocking, which were counted as long ones.
        for (const waiter of queue) if (waiter.blockedByFlight) waiter.dueAt = 0;
        pump();
      },
    };
  };

  /**
   * Calls that finish placed orders (status reads, cancels) queue ahead of new placements, first come, first
   * served within each: where one budget counts both (Starship counts every request), placements offered at
   * the limit otherwise took the slots the reads needed, and placed orders went unread for minutes.
   * `front`: ahead of the others of its kind (it was refused before they queued).
   */
  const enqueue = (waiter: Waiter, front: boolean) => {
    const firstPlacement = queue.findIndex((w) => !w.urgent);
    const end = firstPlacement < 0 ? queue.length : firstPlacement;
    if (waiter.urgent) queue.splice(front ? 0 : end, 0, waiter);
    else queue.splice(front ? end : queue.length, 0, waiter);
  };

  const remove = (waiter: Waiter) => {
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    waiter.settled = true;
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  };

  /** Tries every waiter that is due and not behind an earlier one of its class, in arrival order. */
  const pass = async () => {
    const blockedUntil = new Map<string, number>();
    /** Per group, the first long refusal of this pass: a second one in the group blocks the group. */
    const longRefusal = new Map<string, number>();
    const refusedLong = (waiter: Waiter) => {
      const earlier = longRefusal.get(waiter.group);
      if (earlier === undefined) longRefusal.set(waiter.group, waiter.dueAt);
      else blockedUntil.set(waiter.group, Math.min(earlier, waiter.dueAt));
    };
    for (const waiter of queue.slice()) {
      if (waiter.settled) continue;
      const blocked = blockedUntil.get(waiter.group);
      if (blocked !== undefined) {
        waiter.dueAt = Math.max(waiter.dueAt, blocked);
        continue;
      }
      const at = now();
      // An urgent waiter looks a recheck early: a slot that opens goes to it, not to a placement due a
      // millisecond before it.
      if (waiter.dueAt > (waiter.urgent ? at + recheckMs : at)) {
        if (waiter.blockedByFlight) refusedLong(waiter);
        else blockedUntil.set(waiter.group, waiter.dueAt);
        continue;
      }
      const recordedAt = at + waiter.holdMs;
      const checkAt = at + waiter.leadMs;
      let wait: number;
      try {
        wait = await store.tryAcquire(waiter.checks, at, recordedAt, checkAt);
      } catch (error) {
        remove(waiter);
        waiter.reject(error);
        continue;
      }
      if (waiter.settled) {
        // Aborted while its check was under way: give back what was just recorded.
        if (wait <= 0) await store.release(waiter.checks, recordedAt, Math.min(now(), recordedAt));
        continue;
      }
      if (wait <= 0) {
        remove(waiter);
        waiter.resolve(grant(waiter.checks, recordedAt, checkAt));
        continue;
      }
      // A long wait is usually a call still in flight, which a release (here, or in another process) may
      // end early: look again sooner. It may also be this waiter's own order at its limit, which must not
      // hold up the rest of its class: only when the next one of the class is refused too is the class
      // taken to be blocked.
      waiter.blockedByFlight = wait > recheckMs * 4;
      waiter.dueAt = at + (waiter.blockedByFlight ? recheckMs : wait);
      if (waiter.blockedByFlight) refusedLong(waiter);
      else blockedUntil.set(waiter.group, waiter.dueAt);
    }
  };

  const arm = () => {
    let soonest = Number.POSITIVE_INFINITY;
    for (const waiter of queue) if (waiter.dueAt < soonest) soonest = waiter.dueAt;
    if (soonest >= timerAt) return;
    cancelTimer?.();
    timerAt = soonest;
    if (soonest === Number.POSITIVE_INFINITY) {
      cancelTimer = undefined;
      return;
    }
    const fire = () => {
      timerAt = Number.POSITIVE_INFINITY;
      cancelTimer = undefined;
      pump();
    };
    const ms = Math.max(0, soonest - now());
    if (sleep !== undefined) {
      const controller = new AbortController();
      cancelTimer = () => controller.abort();
      sleep(ms, controller.signal).then(fire, () => {});
    } else if (ms <= 2) {
      // Timers fire a millisecond or so late; for the last couple of milliseconds yield to the event loop
      // instead, so back-to-back calls at a vendor's exact spacing do not lose that millisecond every time.
      const immediate = setImmediate(fire);
      cancelTimer = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(fire, ms - 1);
      cancelTimer = () => clearTimeout(timer);
    }
  };

  function pump(): void {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    void (async () => {
      try {
        do {
          pumpAgain = false;
          await pass();
        } while (pumpAgain);
      } finally {
        pumping = false;
        arm();
      }
    })();
  }

  return {
    async acquire(operation, keys, signal, acquireOptions) {
      const applicable = rulesFor(operation);
      if (applicable.length === 0) return NO_PERMIT;
      const checks = checksFor(vendor, applicable, keys);
      if (checks.length === 0) return NO_PERMIT;
      signal?.throwIfAborted();
      const leadMs = store.checksAhead === true ? Math.max(0, acquireOptions?.leadMs ?? 0) : 0;
      const hold = leadMs + (acquireOptions?.holdMs ?? holdMs);
      /** What a refused first check said, so that the queue does not check again at once. */
      let refused: { at: number; wait: number } | undefined;
      if (queue.length === 0 && !trying) {
        // Nobody waits: try at once, without a turn through the queue. Callers meanwhile queue up behind.
        const at = now();
        const recordedAt = at + hold;
        trying = true;
        let wait: number;
        try {
          wait = await store.tryAcquire(checks, at, recordedAt, at + leadMs);
        } finally {
          trying = false;
        }
        if (wait <= 0) {
          if (signal?.aborted) {
            await store.release(checks, recordedAt, Math.min(now(), recordedAt));
            signal.throwIfAborted();
          }
          return grant(checks, recordedAt, at + leadMs);
        }
        refused = { at, wait };
      }
      // The signal may have aborted during that first check.
      signal?.throwIfAborted();
      return new Promise<RateLimitPermit>((resolve, reject) => {
        const waiter: Waiter = {
          checks,
          group: `${operation}|${checks
            .filter((c) => c.rule.scope !== 'order')
            .map((c) => c.key)
            .join('|')}`,
          urgent: operation !== 'placeOrder',
          leadMs,
          holdMs: hold,
          dueAt: 0,
          blockedByFlight: refused !== undefined && refused.wait > recheckMs * 4,
          settled: false,
          resolve,
          reject,
          signal,
        };
        if (signal) {
          waiter.onAbort = () => {
            if (waiter.settled) return;
            remove(waiter);
            reject(signal.reason);
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        if (refused) waiter.dueAt = refused.at + (waiter.blockedByFlight ? recheckMs : refused.wait);
        // A refused first check came before everyone who queued while it was being checked.
        enqueue(waiter, refused !== undefined);
        pump();
      });
    },
  };
}

interface Waiter {
  checks: RateLimitCheck[];
  /** Waiters of one group are blocked by the same counters: the earliest goes first. */
  group: string;
  /** Any call but a placement: it finishes an order already placed, and queues ahead of placements. */
  urgent: boolean;
  /** Checked as of this much later (`AcquireOptions.leadMs`, where the store allows it). */
  leadMs: number;
  /** How long its call is recorded in flight before a release (lead included). */
  holdMs: number;
  /** When it is worth checking again (epoch ms by the limiter's clock); 0: at once. */
  dueAt: number;
  /** Its last refusal was long, most likely a call in flight: a release makes it due again. */
  blockedByFlight: boolean;
  settled: boolean;
  resolve(permit: RateLimitPermit): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort?: () => void;
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
