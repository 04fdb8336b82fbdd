import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, withRetry } from './retry';

const retryable = (extra: { retryAfterMs?: number } = {}) =>
  new VendorApiError({ vendor: 'v', code: 'vendor_unavailable', retryable: true, ...extra });

/** Records the waits instead of waiting. */
function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function failing(times: number, error: () => unknown = () => retryable()) {
  let calls = 0;
  const fn = async () => {
    calls++;
    if (calls <= times) throw error();
    return 'done';
  };
  return { fn, calls: () => calls };
}

describe('withRetry', () => {
  it('waits with full jitter: random() × min(cap, base × 2^n)', async () => {
    for (const [random, expected] of [
      [() => 0.999999, [200, 400, 800, 1600]],
      [() => 0.5, [100, 200, 400, 800]],
      [() => 0, [0, 0, 0, 0]],
    ] as const) {
      const { waits, sleep } = recorder();
      const op = failing(4);
      await withRetry(op.fn, { maxAttempts: 5, random, sleep });
      expect(waits.map((w) => Math.round(w))).toEqual(expected);
      expect(op.calls()).toBe(5);
    }
  });

  it('caps each delay at maxDelayMs', async () => {
    const { waits, sleep } = recorder();
    await withRetry(failing(3).fn, {
      maxAttempts: 4,
      baseDelayMs: 1000,
      maxDelayMs: 1500,
      random: () => 1,
      sleep,
    });
    expect(waits).toEqual([1000, 1500, 1500]);
  });

  it('keeps every jittered delay within [0, cap) for any random value', () => {
    for (let retry = 0; retry < 10; retry++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.999]) {
        const d = backoffDelay(retry, 200, 10_000, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(10_000, 200 * 2 ** retry));
      }
    }
  });

  it('waits what Retry-After asked instead of the backoff', async () => {
    const { waits, sleep } = recorder();
    await withRetry(failing(1, () => retryable({ retryAfterMs: 5000 })).fn, { random: () => 0, sleep });
    expect(waits).toEqual([5000]);
  });

  it('gives the error back when Retry-After is beyond maxRetryAfterMs', async () => {
    const { waits, sleep } = recorder();
    const op = failing(1, () => retryable({ retryAfterMs: 120_000 }));
    await expect(withRetry(op.fn, { sleep, maxRetryAfterMs: 60_000 })).rejects.toMatchObject({
      retryAfterMs: 120_000,
    });
    expect(op.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('stops after maxAttempts with the last error', async () => {
    const op = failing(10);
    await expect(withRetry(op.fn, { maxAttempts: 3, sleep: async () => {} })).rejects.toMatchObject({
      code: 'vendor_unavailable',
    });
    expect(op.calls()).toBe(3);
  });

  it('does not retry errors that are not retryable', async () => {
    const op = failing(
      1,
      () => new VendorApiError({ vendor: 'v', code: 'invalid_request', retryable: false }),
    );
    await expect(withRetry(op.fn, { sleep: async () => {} })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(op.calls()).toBe(1);
    const plain = failing(1, () => new Error('x'));
    await expect(withRetry(plain.fn, { sleep: async () => {} })).rejects.toThrow('x');
    expect(plain.calls()).toBe(1);
  });

  it('never retries an unknown outcome, whatever shouldRetry says', async () => {
    const op = failing(1, () => new OutcomeUnknownError({ vendor: 'v', reason: 'timeout' }));
    await expect(withRetry(op.fn, { shouldRetry: () => true, sleep: async () => {} })).rejects.toMatchObject({
      name: 'OutcomeUnknownError',
    });
    expect(op.calls()).toBe(1);
  });

  it('passes the failed attempt number to shouldRetry', async () => {
    const seen: number[] = [];
    await withRetry(failing(2).fn, {
      sleep: async () => {},
      shouldRetry: (_e, attempt) => {
        seen.push(attempt);
        return true;
      },
    });
    expect(seen).toEqual([1, 2]);
  });

  it('stops waiting when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const op = failing(5);
    const pending = withRetry(op.fn, { signal: controller.signal, baseDelayMs: 60_000, random: () => 1 });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
    expect(op.calls()).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });

  it('reads HTTP-dates, past ones as zero', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores anything else', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '12abc', 'Mon, 99 Foo 2025']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
