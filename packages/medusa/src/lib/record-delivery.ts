import type { FulfillmentOrder } from '@giftwire/engine';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { giftwireProviderId } from './giftwire-provider-id';
import { registrationCipher } from './registrations';
import { issuedCards, sealCards } from './seal-cards';

export type DeliveryStatus = 'delivered' | 'partially_delivered' | 'failed';

/** What a settled vendor order delivered: nothing issued is `failed`, some cards failed is partial. */
export function deliveryStatus(order: FulfillmentOrder): DeliveryStatus {
  const issued = order.settlement?.issued ?? 0;
  if (issued === 0) return 'failed';
  return (order.settlement?.failed ?? 0) > 0 ? 'partially_delivered' : 'delivered';
}

/**
 * Seals a settled vendor order's issued cards into the vault and links the row to its Medusa order, once per
 * reference: a second process that gets here at the same moment gets the first one's row.
 */
export async function recordDelivery(
  container: MedusaContainer,
  registrationId: string,
  settled: FulfillmentOrder,
  orderId: string,
  fulfillmentId: string | null,
) {
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  const cards = issuedCards(settled);
  try {
    const created = await vault.createGiftwireDeliveries({
      reference: settled.reference,
      order_id: orderId,
      fulfillment_id: fulfillmentId,
      // The vendor order's own vendor: a multi-vendor registration places with several.
      vendor: settled.vendor,
      provider_id: giftwireProviderId(registrationId),
      status: fulfillmentId ? deliveryStatus(settled) : 'unassigned',
      sealed_cards: sealCards(cards, settled.reference, registrationCipher(registrationId)),
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
