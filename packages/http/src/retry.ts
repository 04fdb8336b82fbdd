import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { abortableSleep } from './abortable-sleep';

export interface RetryOptions {
  /** Attempts in all, the first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Cap on one backoff delay (before jitter). */
  maxDelayMs?: number;
  /**
   * Longest Retry-After we are willing to wait in place. A vendor asking for longer gets the error back
   * (with `retryAfterMs`) so the caller can schedule the call later instead of holding a request open.
   */
  maxRetryAfterMs?: number;
  /** Decides whether an error is worth another attempt; `attempt` is the 1-based attempt that failed. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Injectable for tests; must return a number in [0, 1). */
  random?: () => number;
  /** Injectable for tests; must reject with `signal.reason` when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WithRetryOptions extends RetryOptions {
  signal?: AbortSignal;
}

const defaultShouldRetry = (error: unknown): boolean => VendorApiError.isInstance(error) && error.retryable;

/**
 * Runs `fn` until it succeeds, the error is not worth retrying, or attempts run out. Backoff is exponential
 * with full jitter (AWS's "Exponential Backoff and Jitter"): many clients failing together spread out
 * instead of retrying in lockstep. An `OutcomeUnknownError` is never retried, whatever `shouldRetry` says:
 * repeating a request whose first copy may have landed is how orders get placed twice.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetryOptions = {},
): Promise<T> {
  const {
    maxAttempts = 3,
    baseDelayMs = 200,
    maxDelayMs = 10_000,
    maxRetryAfterMs = 60_000,
    shouldRetry = defaultShouldRetry,
    random = Math.random,
    sleep = abortableSleep,
    signal,
  } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || OutcomeUnknownError.isInstance(error) || !shouldRetry(error, attempt)) {
        throw error;
      }
      const retryAfterMs = VendorApiError.isInstance(error) ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
      const delay = retryAfterMs ?? backoffDelay(attempt - 1, baseDelayMs, maxDelayMs, random);
      if (signal?.aborted) throw signal.reason;
      await sleep(delay, signal);
    }
  }
}

/** Full jitter: uniformly anywhere between 0 and the capped exponential delay for this retry (0-based). */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds (`120`) or an HTTP-date. Anything else is ignored
 * rather than guessed at; a date in the past means "now".
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const raw = typeof value === 'string' ? value : value?.[0];
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a day or month; requiring a letter keeps Date.parse from reading "-5" or
  // "1.5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
