import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

export interface WebhookDelivery {
  url: string;
  /** Sent as is, `content-type: application/json`. */
  body: string;
  /** Signing hook, called per attempt (a timestamp in the signature changes between attempts). */
  headers?(): Record<string, string>;
}

export interface WebhookDispatcherOptions {
  /** Pauses before each retry of a failed delivery; a delivery is tried `length + 1` times. */
  retryDelaysMs: readonly number[];
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookDispatcher {
  /** Queues a delivery; it runs in the background until a 2xx or the retries run out. */
  deliver(delivery: WebhookDelivery): void;
  /** Resolves when every delivery started so far has succeeded or given up. */
  idle(): Promise<void>;
  /** Aborts every pending delivery and refuses new ones. */
  close(): void;
}

/**
 * Sends a vendor's webhooks with its retry schedule (compress it in tests: `retryDelaysMs: [10, 20]`).
 * Receivers that are down are retried; a closing sandbox stops at once.
 *
 * @example
 * const webhooks = createWebhookDispatcher({ retryDelaysMs: [100, 400, 1600] });
 * webhooks.deliver({ url, body: JSON.stringify(event), headers: () => ({ 'x-signature': sign(event) }) });
 * await webhooks.idle();
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function run(delivery: WebhookDelivery): Promise<void> {
    const { signal } = abort;
    const delays = options.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      try {
        if (attempt > 0) await sleep(delays[attempt - 1], undefined, { signal, ref: false });
        const response = await request(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...delivery.headers?.() },
          body: delivery.body,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) return;
      } catch {
        // Unreachable receivers are the point of a retry; an abort means the sandbox is closing.
        if (signal.aborted) return;
      }
    }
  }

  return {
    deliver(delivery) {
      if (abort.signal.aborted) return;
      const running = run(delivery);
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    close() {
      abort.abort();
    },
  };
}
