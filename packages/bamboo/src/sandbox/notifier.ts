import {
  createWebhookDispatcher,
  newSvixMessageId,
  svixSignature,
  type WebhookDispatcher,
} from '@giftwire/sandbox-kit';
import { formatVendorTime } from './format-vendor-time';
import type { OrderRecord } from './order-lifecycle';

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
 * when configured, a Svix-signed copy. The kit's dispatcher retries failed deliveries; Get Order stays the
 * source of truth.
 */
export class Notifier {
  readonly #options: NotifierOptions;
  #settings: NotificationSettings;
  readonly #dispatcher: WebhookDispatcher;

  constructor(options: NotifierOptions, initial: NotificationSettings) {
    this.#options = options;
    this.#dispatcher = createWebhookDispatcher({ retryDelaysMs: options.retryDelaysMs });
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
    if (url) this.#dispatcher.deliver({ url, body });

    const svix = this.#options.svix;
    if (svix) {
      // One message id for every attempt, as Svix does, so receivers can deduplicate retries.
      const id = newSvixMessageId();
      this.#dispatcher.deliver({
        url: svix.url,
        body,
        headers: () => {
          const timestamp = Math.floor(this.#options.clock.now() / 1000);
          return {
            'svix-id': id,
            'svix-timestamp': String(timestamp),
            'svix-signature': svixSignature(svix.secret, id, timestamp, body),
          };
        },
      });
    }
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  idle(): Promise<void> {
    return this.#dispatcher.idle();
  }

  close(): void {
    this.#dispatcher.close();
  }
}
