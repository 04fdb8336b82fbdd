import {
  claimedStatusOf,
  type Secret,
  type WebhookEvent,
  type WebhookInput,
  WebhookVerificationError,
} from '@giftwire/core';
import { headerValue, parseJsonSafely, verifySvixWebhook } from '@giftwire/http';
import { BAMBOO_VENDOR } from './map-bamboo-order';
import { bambooCallbackSchema, bambooSvixEventSchema } from './schemas';
import { mapBambooOrderStatus } from './status-tables';

export interface BambooWebhookSecrets {
  notificationSecret: Secret<string> | undefined;
  webhookSecret: Secret<string> | undefined;
  now: () => number;
}

/**
 * Two delivery paths: Svix-signed webhooks (headers `svix-*`, HMAC over id.timestamp.body) and the older
 * notification callback, which echoes the shared secret in the body and is compared in constant time.
 * Either way the event is only a hint: the engine re-fetches the order with Get Order.
 */
export async function parseBambooWebhook(
  input: WebhookInput,
  secrets: BambooWebhookSecrets,
): Promise<WebhookEvent> {
  const rawBody =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  const receivedAt = new Date(secrets.now()).toISOString();

  if (headerValue(input.headers, 'svix-id') !== undefined) {
    if (!secrets.webhookSecret) throw new WebhookVerificationError(BAMBOO_VENDOR, 'bad_signature');
    const { id } = verifySvixWebhook({
      vendor: BAMBOO_VENDOR,
      secret: secrets.webhookSecret.reveal(),
      headers: input.headers,
      rawBody,
      now: secrets.now(),
    });
    const parsed = parseJsonSafely(rawBody);
    const event = parsed.ok ? bambooSvixEventSchema.safeParse(parsed.value) : undefined;
    if (!event?.success) throw new WebhookVerificationError(BAMBOO_VENDOR, 'malformed_body');
    const body = event.data;
    const reference = body.requestId ?? body.data?.requestId;
    const orderId = body.orderId ?? body.data?.orderId;
    const status = body.status ?? body.data?.status;
    return compact({
      vendor: BAMBOO_VENDOR,
      id,
      type: body.type ?? body.eventType ?? 'order.updated',
      reference: reference ?? undefined,
      vendorOrderId: orderId === null || orderId === undefined ? undefined : String(orderId),
      status: status ?? undefined,
      claimedStatus: claimedStatusOf(mapBambooOrderStatus, status),
      verifiedBy: 'signature',
      receivedAt,
    });
  }

  const parsed = parseJsonSafely(rawBody);
  const callback = parsed.ok ? bambooCallbackSchema.safeParse(parsed.value) : undefined;
  if (!callback?.success) throw new WebhookVerificationError(BAMBOO_VENDOR, 'malformed_body');
  const body = callback.data;
  if (!secrets.notificationSecret?.equals(body.secretKey)) {
    throw new WebhookVerificationError(BAMBOO_VENDOR, 'bad_secret');
  }
  return compact({
    vendor: BAMBOO_VENDOR,
    // The callback has no delivery id; the order and its final status identify one notification.
    id: `callback:${body.requestId}:${body.status}`,
    type: body.status,
    reference: body.requestId,
    vendorOrderId: body.orderId === null || body.orderId === undefined ? undefined : String(body.orderId),
    status: body.status,
    claimedStatus: claimedStatusOf(mapBambooOrderStatus, body.status),
    verifiedBy: 'shared_secret',
    receivedAt,
  });
}

/** Drops undefined fields so events compare and serialize cleanly. */
function compact(event: WebhookEvent): WebhookEvent {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as WebhookEvent;
}
