import { isFinal, normalizeReference, type WebhookEvent, type WebhookInput } from '@giftwire/core';
import { UnknownVendorError, WebhooksNotSupportedError } from '../errors';
import { mayStillBeSettledByVendor, settleLateOrder } from '../fulfillment/settle-late-order';
import type { CommandContext } from './command-context';

export interface WebhookOutcome {
  status: 'accepted' | 'duplicate' | 'unknown_order';
  event: WebhookEvent;
  /**
   * Resolves once the order has been re-fetched; the webhook can be answered before that. Resolves at once
   * for a hint that claims a status that is not final: there is nothing to re-fetch for yet.
   */
  processed: Promise<void>;
}

/** `Fulfiller.handleWebhook`: verifies and records a vendor's webhook, then re-fetches the order it names. */
export async function handleWebhook(
  ctx: CommandContext,
  vendor: string,
  input: WebhookInput,
): Promise<WebhookOutcome> {
  const { vendors, store, logger } = ctx;
  const adapter = vendors.get(vendor);
  if (!adapter) throw new UnknownVendorError('webhook', vendor, [...vendors.keys()]);
  if (!adapter.parseWebhook) throw new WebhooksNotSupportedError(vendor);
  await ctx.ready();
  const event = await adapter.parseWebhook(input);
  const now = ctx.clock.now();
  ctx.webhookSeenAt.set(vendor, now);
  // Vendors echo the reference in whatever case they keep it; ours are lower-case.
  const reference = event.reference ? normalizeReference(event.reference) : undefined;
  const record = reference ? await store.get(reference) : undefined;
  const known = record !== undefined && record.vendor === vendor;
  const entry = { vendor, id: event.id, known, receivedAt: new Date(now).toISOString(), event };
  const fresh = await store.recordWebhook(reference ? { ...entry, reference } : entry);
  if (!fresh) return { status: 'duplicate', event, processed: Promise.resolve() };
  if (!known) {
    logger.warn(
      { vendor, eventId: event.id, reference: event.reference },
      'webhook for an unknown order recorded, not acted on',
    );
    return { status: 'unknown_order', event, processed: Promise.resolve() };
  }
  if (claimsOpenOrder(event)) {
    // A read now could only confirm the order open, at the price of a status call; the webhook has marked
    // that webhooks arrive (so polling is the safety net), and the next hint or poll finds it settled.
    return { status: 'accepted', event, processed: Promise.resolve() };
  }
  // A hint, not the truth: re-fetch the order now instead of trusting the event's status. An order handed
  // to a person may still be settled by the vendor (after our deadline): its codes are delivered too.
  const processed =
    record.state === 'placed' || record.state === 'placing'
      ? ctx.advance(record.reference, true)
      : mayStillBeSettledByVendor(record)
        ? ctx
            .runExclusive(record.reference, () => settleLateOrder(ctx, record.reference, adapter))
            .catch((error: unknown) =>
              logger.error({ reference: record.reference, err: error }, 'late settlement failed'),
            )
        : Promise.resolve();
  return { status: 'accepted', event, processed };
}

/**
 * The event claims a status that is not final (GiftHub's `confirmed`, Bamboo's `Pending`). A final claim,
 * or none (an unknown word), is re-fetched: only the vendor's answer to Get Order settles an order, so a
 * forged claim can at most spare a read, never settle or fail anything.
 */
function claimsOpenOrder(event: WebhookEvent): boolean {
  return event.claimedStatus !== undefined && !isFinal(event.claimedStatus);
}
