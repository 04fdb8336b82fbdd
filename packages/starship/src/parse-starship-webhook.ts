import {
  claimedStatusOf,
  type Secret,
  type WebhookEvent,
  type WebhookInput,
  WebhookVerificationError,
} from '@giftwire/core';
import { headerValue, parseJsonSafely, verifyHmacSignature } from '@giftwire/http';
import { STARSHIP_VENDOR } from './map-starship-order';
import { starshipWebhookSchema } from './schemas';
import { parseStarshipPartRef } from './starship-parts';
import { mapStarshipOrderStatus } from './status-tables';

/** The events Starship sends. */
export const STARSHIP_WEBHOOK_EVENTS = [
  'order.created',
  'order.pending',
  'order.delivered',
  'order.partially_delivered',
  'order.cancelled',
] as const;

export interface StarshipWebhookOptions {
  secret: Secret<string> | undefined;
  now: () => number;
  /** How far `X-Timestamp` may be from our clock; default 300 s. */
  toleranceSeconds?: number;
}

/**
 * Verifies a Starship webhook: `X-Signature` is the hex HMAC-SHA256 of `timestamp + "." + rawBody` with the
 * webhook secret, `X-Timestamp` unix seconds within the tolerance (a replay of an old delivery is refused).
 * The body `{ event_type, data }` is only a hint: the engine re-fetches the order.
 */
export async function parseStarshipWebhook(
  input: WebhookInput,
  options: StarshipWebhookOptions,
): Promise<WebhookEvent> {
  const rawBody =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  if (!options.secret) throw new WebhookVerificationError(STARSHIP_VENDOR, 'bad_secret');
  const signature = headerValue(input.headers, 'x-signature');
  const timestamp = headerValue(input.headers, 'x-timestamp');
  if (!signature) throw new WebhookVerificationError(STARSHIP_VENDOR, 'missing_signature');
  if (timestamp === undefined) throw new WebhookVerificationError(STARSHIP_VENDOR, 'stale_timestamp');
  verifyHmacSignature({
    vendor: STARSHIP_VENDOR,
    secret: options.secret.reveal(),
    signature,
    timestamp,
    toleranceSeconds: options.toleranceSeconds ?? 300,
    now: options.now(),
    payload: `${timestamp.trim()}.${rawBody}`,
  });
  const parsed = parseJsonSafely(rawBody);
  const event = parsed.ok ? starshipWebhookSchema.safeParse(parsed.value) : undefined;
  if (!event?.success) throw new WebhookVerificationError(STARSHIP_VENDOR, 'malformed_body');
  const { event_type: type, data } = event.data;
  const ref = data.reference_code ?? data.ref ?? undefined;
  const result: WebhookEvent = {
    vendor: STARSHIP_VENDOR,
    // No delivery id is published: the event, the order and the status it reports identify one notification,
    // so the retries of one delivery deduplicate.
    id: `${type}:${data.id}:${data.status ?? ''}`,
    type,
    vendorOrderId: String(data.id),
    verifiedBy: 'signature',
    receivedAt: new Date(options.now()).toISOString(),
  };
  if (ref) result.reference = parseStarshipPartRef(ref).reference;
  if (data.status) result.status = data.status;
  const claimed = claimedStatusOf(mapStarshipOrderStatus, data.status);
  if (claimed) result.claimedStatus = claimed;
  return result;
}
