import { normalizeReference } from '@giftwire/core';
import type { FulfillmentOrder } from '@giftwire/engine';
import type {
  IFulfillmentModuleService,
  INotificationModuleService,
  Logger,
  MedusaContainer,
} from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { markOrderFulfillmentAsDeliveredWorkflow } from '@medusajs/medusa/core-flows';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { signCodesLink } from './codes-link';
import { getEngine, vendorCipher, vendorOptions } from './engine-registry';
import { issuedCards, sealCards } from './sealed-cards';
import { withLock } from './with-lock';

export type DeliveryStatus = 'delivered' | 'partially_delivered' | 'failed';
export type SettleOutcome =
  | DeliveryStatus
  | 'unassigned'
  | 'awaiting_fulfillment'
  | 'not_settled'
  | 'not_a_medusa_order';

/** How long a settled vendor order may wait for its Medusa fulfillment before its cards are kept as unassigned. */
export const DEFAULT_UNASSIGNED_AFTER_MS = 10 * 60_000;

export const DEFAULT_CODES_URL = '/store/giftwire/orders/{order_id}/codes';
export const DEFAULT_NOTIFICATION_TEMPLATE = 'giftwire-codes-ready';
export const DEFAULT_CODES_LINK_URL = '/store/giftwire/links/{token}';
export const DEFAULT_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

interface OrderForDelivery {
  id: string;
  display_id?: number;
  email?: string | null;
  customer?: { email?: string | null; has_account?: boolean | null } | null;
  fulfillments?: Array<{
    id: string;
    data?: Record<string, unknown> | null;
    delivered_at?: string | Date | null;
    canceled_at?: string | Date | null;
  }>;
}

function deliveryStatus(order: FulfillmentOrder): DeliveryStatus {
  const issued = order.settlement?.issued ?? 0;
  if (issued === 0) return 'failed';
  return (order.settlement?.failed ?? 0) > 0 ? 'partially_delivered' : 'delivered';
}

/**
 * Takes one settled vendor order to the customer, idempotently (the engine's event, the webhook route and the
 * scheduled job may all call it, in several processes): seal the issued cards into the vault (unique per
 * reference), link the row to the order, mark the fulfillment delivered, and notify the customer with a link —
 * never the codes. A partial order delivers what was issued and records what was not charged for a refund.
 */
export function settleDelivery(
  container: MedusaContainer,
  vendor: string,
  input: string,
): Promise<SettleOutcome> {
  // A webhook echoes the reference in the vendor's case; fulfillments and the vault hold it lower-case.
  const reference = normalizeReference(input);
  // The engine's event, the webhook follow-up and the job often fire together, in one process or several.
  return withLock(container, `giftwire:settle:${reference}`, () => settleOnce(container, vendor, reference));
}

async function settleOnce(
  container: MedusaContainer,
  vendor: string,
  reference: string,
): Promise<SettleOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const engine = await getEngine(vendor);
  const settled = await engine.get(reference);
  if (settled?.state !== 'settled') return 'not_settled';
  if (!settled.shopOrderId) return 'not_a_medusa_order';

  const order = await findOrder(container, settled.shopOrderId);
  if (!order) {
    logger.warn(
      `[giftwire] settled order ${reference} names Medusa order ${settled.shopOrderId}, which does not exist`,
    );
    return 'not_a_medusa_order';
  }
  const fulfillment = order.fulfillments?.find((candidate) => candidate.data?.reference === reference);
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  let [delivery] = await vault.listGiftwireDeliveries({ reference });
  if (!fulfillment) return keepUnassigned(container, vault, vendor, settled, order.id, delivery);

  if (delivery?.status === 'unassigned') {
    // The fulfillment turned up after all (its write was late): deliver the kept cards through it.
    delivery = await vault.updateGiftwireDeliveries({
      id: delivery.id,
      fulfillment_id: fulfillment.id,
      status: deliveryStatus(settled),
    });
  }
  if (!delivery) {
    delivery = await recordDelivery(container, vault, vendor, settled, order.id, fulfillment.id);
    if (delivery.status !== 'delivered') {
      logger.warn(
        `[giftwire] order ${order.id} (${reference}): ${delivery.cards_failed} card(s) not issued, refund due ${JSON.stringify(delivery.not_charged)}`,
      );
    }
  }
  const status = delivery.status as DeliveryStatus;

  const fulfillments = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
  if (fulfillment.data?.state !== settled.state || fulfillment.data?.status !== settled.status) {
    await fulfillments.updateFulfillment(fulfillment.id, {
      data: { ...(fulfillment.data ?? {}), status: settled.status, state: settled.state },
    });
  }
  if (status !== 'failed' && !fulfillment.delivered_at && !fulfillment.canceled_at) {
    try {
      await markOrderFulfillmentAsDeliveredWorkflow(container).run({
        input: { orderId: order.id, fulfillmentId: fulfillment.id },
      });
    } catch (error) {
      // Another process marked it between our read and this call: that is the outcome we wanted.
      const again = (await findOrder(container, order.id))?.fulfillments?.find(
        (f) => f.id === fulfillment.id,
      );
      if (!again?.delivered_at) throw error;
    }
  }
  if (status !== 'failed' && !delivery.notified_at) {
    const sent = await notifyCustomer(container, vendor, order, reference);
    if (sent) await vault.updateGiftwireDeliveries({ id: delivery.id, notified_at: new Date() });
  }
  return status;
}

/**
 * A vendor order settled for this Medusa order, but no fulfillment carries its reference. Right after
 * placement that is only Medusa not having written the fulfillment yet; after `unassignedAfterMs` it means the
 * fulfillment was rolled back while its vendor order could not be cancelled. Its cards are then kept in the
 * vault, linked to the order, for staff to hand over or refund — never dropped.
 */
async function keepUnassigned(
  container: MedusaContainer,
  vault: GiftwireModuleService,
  vendor: string,
  settled: FulfillmentOrder,
  orderId: string,
  existing: { status: string } | undefined,
): Promise<SettleOutcome> {
  if (existing) return existing.status as SettleOutcome;
  const waitMs = vendorOptions(vendor).unassignedAfterMs ?? DEFAULT_UNASSIGNED_AFTER_MS;
  if (Date.now() - Date.parse(settled.createdAt) < waitMs) return 'awaiting_fulfillment';
  const row = await recordDelivery(container, vault, vendor, settled, orderId, null);
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .error(
      `[giftwire] vendor order ${settled.reference} settled for order ${orderId} without a fulfillment: ` +
        `${row.cards_issued} card(s) kept in the vault (admin: order page) to hand over or refund`,
    );
  return 'unassigned';
}

async function findOrder(container: MedusaContainer, orderId: string): Promise<OrderForDelivery | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'order',
    fields: [
      'id',
      'display_id',
      'email',
      'customer.email',
      'customer.has_account',
      'fulfillments.id',
      'fulfillments.data',
      'fulfillments.delivered_at',
      'fulfillments.canceled_at',
    ],
    filters: { id: orderId },
  });
  return data[0] as OrderForDelivery | undefined;
}

async function recordDelivery(
  container: MedusaContainer,
  vault: GiftwireModuleService,
  vendor: string,
  settled: FulfillmentOrder,
  orderId: string,
  fulfillmentId: string | null,
) {
  const cards = issuedCards(settled);
  try {
    const created = await vault.createGiftwireDeliveries({
      reference: settled.reference,
      order_id: orderId,
      fulfillment_id: fulfillmentId,
      vendor,
      status: fulfillmentId ? deliveryStatus(settled) : 'unassigned',
      sealed_cards: sealCards(cards, settled.reference, vendorCipher(vendor)),
      cards_issued: cards.length,
      cards_failed: settled.settlement?.failed ?? 0,
      not_charged: (settled.settlement?.notCharged ?? []) as unknown as Record<string, unknown>,
      delivered_at: cards.length > 0 ? new Date() : null,
    });
    const link = container.resolve(ContainerRegistrationKeys.LINK);
    await link.create({
      [Modules.ORDER]: { order_id: orderId },
      [GIFTWIRE_MODULE]: { giftwire_delivery_id: created.id },
    });
    return created;
  } catch (error) {
    // Another process recorded it first (unique reference): use its row.
    const [existing] = await vault.listGiftwireDeliveries({ reference: settled.reference });
    if (existing) return existing;
    throw error;
  }
}

async function notifyCustomer(
  container: MedusaContainer,
  vendor: string,
  order: OrderForDelivery,
  reference: string,
): Promise<boolean> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const to = order.customer?.email ?? order.email;
  if (!container.hasRegistration(Modules.NOTIFICATION)) {
    logger.warn(
      '[giftwire] no notification module is configured; the customer was not told their codes are ready',
    );
    return false;
  }
  if (!to) {
    logger.warn(`[giftwire] order ${order.id} has no customer email; no notification sent`);
    return false;
  }
  const options = vendorOptions(vendor);
  let link = (options.codesUrl ?? DEFAULT_CODES_URL).replaceAll('{order_id}', encodeURIComponent(order.id));
  let linkExpiresAt: string | null = null;
  if (order.customer?.has_account !== true) {
    // A guest cannot sign in to the codes route: they get a signed, expiring link instead (see codes-link).
    if (options.linkSecret) {
      const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
      const expiresAt = Math.floor((Date.now() + (options.linkTtlMs ?? DEFAULT_LINK_TTL_MS)) / 1000);
      const token = signCodesLink(options.linkSecret, {
        orderId: order.id,
        expiresAt,
        version: await vault.codesLinkVersion(order.id),
      });
      link = (options.codesLinkUrl ?? DEFAULT_CODES_LINK_URL).replaceAll(
        '{token}',
        encodeURIComponent(token),
      );
      linkExpiresAt = new Date(expiresAt * 1000).toISOString();
    } else {
      logger.warn(
        `[giftwire] order ${order.id} is a guest order and no linkSecret is set: its notification links to the sign-in route`,
      );
    }
  }
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
  // The message links to the codes; `data` is stored by Medusa, so it never carries one.
  await notifications.createNotifications({
    to,
    channel: 'email',
    template: options.notificationTemplate ?? DEFAULT_NOTIFICATION_TEMPLATE,
    data: {
      order_id: order.id,
      display_id: order.display_id ?? null,
      codes_url: link,
      ...(linkExpiresAt ? { codes_url_expires_at: linkExpiresAt } : {}),
    },
    trigger_type: 'giftwire.delivery.settled',
    resource_id: order.id,
    resource_type: 'order',
    idempotency_key: `giftwire:${reference}`,
  });
  return true;
}
