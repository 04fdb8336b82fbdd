import { normalizeReference } from '@giftwire/core';
import type { FulfillmentOrder } from '@giftwire/engine';
import type { IFulfillmentModuleService, Logger, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { markOrderFulfillmentAsDeliveredWorkflow } from '@medusajs/medusa/core-flows';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { findOrderForDelivery } from './find-order-for-delivery';
import { notifyWhenOrderReady } from './notify-when-order-ready';
import { type DeliveryStatus, deliveryStatus, recordDelivery } from './record-delivery';
import { getEngine, registrationOptions } from './registrations';
import { orderLockKey, withLock } from './with-lock';

export type SettleOutcome =
  | DeliveryStatus
  | 'unassigned'
  | 'awaiting_fulfillment'
  | 'not_settled'
  | 'not_a_medusa_order';

/** How long a settled vendor order may wait for its Medusa fulfillment before its cards are kept as unassigned. */
export const DEFAULT_UNASSIGNED_AFTER_MS = 10 * 60_000;

/**
 * Takes one settled vendor order to the customer, idempotently (the engine's event, the webhook route and the
 * scheduled job may all call it, in several processes): seal the issued cards into the vault (unique per
 * reference), link the row to the order, mark the fulfillment delivered, and notify the customer with a link —
 * never the codes — once the order's last vendor order settled (`notifyWhenOrderReady`). A partial order delivers what was issued and records what was not charged for a refund.
 *
 * @example
 * await settleDelivery(container, 'bamboo', reference); // the registration id: provider giftwire_bamboo
 */
export function settleDelivery(
  container: MedusaContainer,
  registrationId: string,
  input: string,
): Promise<SettleOutcome> {
  // A webhook echoes the reference in the vendor's case; fulfillments and the vault hold it lower-case.
  const reference = normalizeReference(input);
  // The engine's event, the webhook follow-up and the job often fire together, in one process or several.
  return withLock(container, `giftwire:settle:${reference}`, () =>
    settleOnce(container, registrationId, reference),
  );
}

async function settleOnce(
  container: MedusaContainer,
  registrationId: string,
  reference: string,
): Promise<SettleOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const engine = await getEngine(registrationId);
  const settled = await engine.get(reference);
  if (settled?.state !== 'settled') return 'not_settled';
  if (!settled.shopOrderId) return 'not_a_medusa_order';

  const order = await findOrderForDelivery(container, settled.shopOrderId);
  if (!order) {
    logger.warn(
      `[giftwire] settled order ${reference} names Medusa order ${settled.shopOrderId}, which does not exist`,
    );
    return 'not_a_medusa_order';
  }
  const fulfillment = order.fulfillments?.find((candidate) => candidate.data?.reference === reference);
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  let [delivery] = await vault.listGiftwireDeliveries({ reference });
  if (!fulfillment) return keepUnassigned(container, registrationId, settled, order.id, delivery);

  if (delivery?.status === 'unassigned') {
    // The fulfillment turned up after all (its write was late): deliver the kept cards through it.
    delivery = await vault.updateGiftwireDeliveries({
      id: delivery.id,
      fulfillment_id: fulfillment.id,
      status: deliveryStatus(settled),
    });
  }
  if (!delivery) {
    delivery = await recordDelivery(container, registrationId, settled, order.id, fulfillment.id);
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
      // Under the order's placement lock: Medusa's order changes (a fulfillment created, one delivered) are
      // not safe against each other, and a fast vendor settles while placement still creates the next
      // vendor's fulfillment — run together, one change is lost ("Cannot deliver more items than what was
      // fulfilled").
      await withLock(container, orderLockKey(order.id), () =>
        markOrderFulfillmentAsDeliveredWorkflow(container).run({
          input: { orderId: order.id, fulfillmentId: fulfillment.id },
        }),
      );
    } catch (error) {
      // Another process marked it between our read and this call: that is the outcome we wanted.
      const again = (await findOrderForDelivery(container, order.id))?.fulfillments?.find(
        (f) => f.id === fulfillment.id,
      );
      if (!again?.delivered_at) throw error;
    }
  }
  // Also after a failed one: it may be the last of the order's vendor orders the others were waiting for.
  if (!delivery.notified_at) await notifyWhenOrderReady(container, registrationId, order, reference);
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
  registrationId: string,
  settled: FulfillmentOrder,
  orderId: string,
  existing: { status: string } | undefined,
): Promise<SettleOutcome> {
  if (existing) return existing.status as SettleOutcome;
  const waitMs = registrationOptions(registrationId).unassignedAfterMs ?? DEFAULT_UNASSIGNED_AFTER_MS;
  if (Date.now() - Date.parse(settled.createdAt) < waitMs) return 'awaiting_fulfillment';
  const row = await recordDelivery(container, registrationId, settled, orderId, null);
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .error(
      `[giftwire] vendor order ${settled.reference} settled for order ${orderId} without a fulfillment: ` +
        `${row.cards_issued} card(s) kept in the vault (admin: order page) to hand over or refund`,
    );
  return 'unassigned';
}
