import { type RecordedRequest, startRecordingServer } from '@giftwire/test-kit';
import { forwardableHeaders } from './forwardable-headers';

/** Where the sandboxes send their webhooks: records each delivery byte for byte, then hands it to the shop. */
export interface WebhookRelay {
  /** The URL a vendor's sandbox posts to. */
  urlFor(vendor: string): string;
  /** Every genuine delivery of `vendor`'s sandbox so far, as it arrived. */
  deliveries(vendor: string): readonly RecordedRequest[];
  /** Points the relay at the shop's webhook routes (`{base}/<vendor>`), once the shop listens. */
  forwardTo(base: string): void;
  close(): Promise<void>;
}

/**
 * A relay between the sandboxes and the shop, so the suite holds every genuine webhook — to replay it, send it
 * twice, out of order or late — while the shop still receives each one as the vendor sent it and answers it.
 *
 * @example
 * const relay = await startWebhookRelay();
 * const sandbox = await harness.startSandbox({ webhookUrl: relay.urlFor('bamboo') });
 * relay.forwardTo(`${shop.url}/giftwire/webhooks`);
 */
export async function startWebhookRelay(): Promise<WebhookRelay> {
  let target: string | undefined;
  const server = await startRecordingServer({
    async respond(request) {
      if (!target) return { status: 503, body: { error: 'shop not started yet' } };
      const headers = forwardableHeaders(request.headers);
      try {
        const answer = await fetch(`${target}${request.path}`, {
          method: request.method,
          headers,
          body: request.rawBody,
          signal: AbortSignal.timeout(10_000),
        });
        return { status: answer.status, body: await answer.text() };
      } catch {
        // The shop is down (a crash case): the vendor sees a failed delivery and retries on its schedule.
        return { status: 502, body: { error: 'shop unreachable' } };
      }
    },
  });
  return {
    urlFor: (vendor) => `${server.url}/${vendor}`,
    deliveries: (vendor) => server.requestsTo(`/${vendor}`),
    forwardTo(base) {
      target = base;
    },
    close: () => server.close(),
  };
}
