export interface WaitForOptions {
  /** Give up after this long (default 10 s): generous, since CI machines are slow and shared. */
  timeoutMs?: number;
  /** Pause between checks (default 10 ms). */
  intervalMs?: number;
  /** What was awaited, for the error; a function is called at timeout, so it can describe the last state. */
  message?: string | (() => string);
}

type Falsy = false | 0 | '' | null | undefined;

/**
 * Calls `check` (sync or async) until it returns something truthy and resolves with that value. At the
 * timeout it rejects with an error naming what it waited for; an exception from `check` is retried
 * until the timeout, then reported as the cause.
 *
 * @example
 * const order = await waitFor(async () => {
 *   const o = await fulfiller.get(reference);
 *   return o?.state === 'settled' && o;
 * }, { message: () => `order ${reference} to settle` });
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 10, message = 'a condition' }: WaitForOptions = {},
): Promise<Exclude<T, Falsy>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, Falsy>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = typeof message === 'function' ? message() : message;
      throw new Error(
        `waited ${timeoutMs} ms for ${what}, in vain`,
        lastError === undefined ? {} : { cause: lastError },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
