import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { OrderRecord } from './order-lifecycle';
import { newSvixMessageId, svixSignature } from './svix-signature';
import { formatVendorTime } from './vendor-time';

export interface NotificationSettings {
  notificationUrl: string | null;
  notificationUrlSandbox: string | null;
  secretKey: string | null;
}

export interface NotifierOptions {
  environment: 'sandbox' | 'live';
  svix: { url: string; secret: string } | undefined;
  clock: { now(): number };
  /** Pauses before each retry; a delivery is tried `retryDelaysMs.length + 1` times. */
  retryDelaysMs: readonly number[];
}

/**
 * Tells the shop an order is final: Bamboo's callback (secret echoed in the body, URL per environment) and,
 * when configured, a Svix-signed copy. Failed deliveries are retried; Get Order stays the source of truth.
 */
export class Notifier {
  readonly #options: NotifierOptions;
  #settings: NotificationSettings;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abort = new AbortController();

  constructor(options: NotifierOptions, initial: NotificationSettings) {
    this.#options = options;
    this.#settings = { ...initial };
  }

  get settings(): NotificationSettings {
    return { ...this.#settings };
  }

  /** Fields left undefined keep their value. */
  update(settings: Partial<NotificationSettings>): void {
    this.#settings = {
      notificationUrl:
        settings.notificationUrl !== undefined ? settings.notificationUrl : this.#settings.notificationUrl,
      notificationUrlSandbox:
        settings.notificationUrlSandbox !== undefined
          ? settings.notificationUrlSandbox
          : this.#settings.notificationUrlSandbox,
      secretKey: settings.secretKey !== undefined ? settings.secretKey : this.#settings.secretKey,
    };
  }

  notify(order: OrderRecord): void {
    if (this.#abort.signal.aborted) return;
    const settings = this.#settings;
    const body = JSON.stringify({
      orderId: order.orderId,
      status: order.status,
      totalCards: order.totalCards,
      createdOn: formatVendorTime(order.createdAt),
      completedOn: formatVendorTime(order.completedAt ?? order.createdAt),
      secretKey: settings.secretKey,
      requestId: order.requestId,
    });
    const url =
      this.#options.environment === 'sandbox' ? settings.notificationUrlSandbox : settings.notificationUrl;
    if (url) this.#track(this.#deliver(url, () => ({}), body));

    const svix = this.#options.svix;
    if (svix) {
      // One message id for every attempt, as Svix does, so receivers can deduplicate retries.
      const id = newSvixMessageId();
      this.#track(
        this.#deliver(
          svix.url,
          () => {
            const timestamp = Math.floor(this.#options.clock.now() / 1000);
            return {
              'svix-id': id,
              'svix-timestamp': String(timestamp),
              'svix-signature': svixSignature(svix.secret, id, timestamp, body),
            };
          },
          body,
        ),
      );
    }
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  close(): void {
    this.#abort.abort();
  }

  #track(delivery: Promise<void>): void {
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(url: string, headers: () => Record<string, string>, body: string): Promise<void> {
    const signal = this.#abort.signal;
    const delays = this.#options.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      try {
        if (attempt > 0) await sleep(delays[attempt - 1], undefined, { signal, ref: false });
        const response = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body,
          signal,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) return;
      } catch {
        // Unreachable receivers are the point of a retry; an abort means the sandbox is closing.
        if (signal.aborted) return;
      }
    }
  }
}
