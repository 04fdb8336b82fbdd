import {
  claimedStatusOf,
  type Secret,
  type WebhookEvent,
  type WebhookInput,
  WebhookVerificationError,
} from '@giftwire/core';
import { headerValue, parseJsonSafely } from '@giftwire/http';
import { GIFTHUB_VENDOR } from './map-gifthub-order';
import { giftHubWebhookSchema } from './schemas';
import { mapGiftHubState } from './status-tables';

export interface GiftHubWebhookOptions {
  secret: Secret<string> | undefined;
  /** The header carrying the shared secret (GiftHub does not publish one; default `x-webhook-secret`). */
  header: string;
  now: () => number;
}

/**
 * GiftHub publishes neither its webhook payload nor a signature, so a webhook is only a hint: the shared
 * secret in a configurable header is compared in constant time, then only the order's ids and claimed state
 * are read (the body may carry the whole order, codes included; none of it is kept). The engine re-fetches.
 *
 * @example
 * const event = await parseGiftHubWebhook({ headers, rawBody }, { secret, header: 'x-webhook-secret', now: Date.now });
 */
export async function parseGiftHubWebhook(
  input: WebhookInput,
  options: GiftHubWebhookOptions,
): Promise<WebhookEvent> {
  const given = headerValue(input.headers, options.header);
  if (!options.secret) throw new WebhookVerificationError(GIFTHUB_VENDOR, 'bad_secret');
  if (given === undefined) throw new WebhookVerificationError(GIFTHUB_VENDOR, 'missing_signature');
  if (!options.secret.equals(given)) throw new WebhookVerificationError(GIFTHUB_VENDOR, 'bad_secret');

  const rawBody =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  const parsed = parseJsonSafely(rawBody);
  const body = parsed.ok ? giftHubWebhookSchema.safeParse(parsed.value) : undefined;
  if (!body?.success) throw new WebhookVerificationError(GIFTHUB_VENDOR, 'malformed_body');
  const { data } = body.data;
  const vendorOrderId = data?.uid ?? data?.id ?? body.data.uid ?? body.data.orderId ?? undefined;
  const reference = data?.reference ?? body.data.reference ?? undefined;
  const state = data?.state ?? body.data.state ?? undefined;
  if (!vendorOrderId && !reference) throw new WebhookVerificationError(GIFTHUB_VENDOR, 'malformed_body');

  const event: WebhookEvent = {
    vendor: GIFTHUB_VENDOR,
    // No delivery id is published: the order and the state it claims identify one notification.
    id: `order:${vendorOrderId ?? reference}:${state ?? 'updated'}`,
    type: body.data.event ?? (state ? `order.${state}` : 'order.updated'),
    verifiedBy: 'shared_secret',
    receivedAt: new Date(options.now()).toISOString(),
  };
  if (reference) event.reference = reference;
  if (vendorOrderId) event.vendorOrderId = vendorOrderId;
  if (state) event.status = state;
  // GiftHub notifies at confirm as well as when final: a `confirmed` hint then spares the engine a read.
  const claimed = claimedStatusOf(mapGiftHubState, state);
  if (claimed) event.claimedStatus = claimed;
  return event;
}
