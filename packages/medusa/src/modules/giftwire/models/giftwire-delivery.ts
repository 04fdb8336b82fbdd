import { model } from '@medusajs/framework/utils';

/**
 * One vendor order delivered for one Medusa fulfillment. The cards (codes, PINs, claim URLs) are one sealed
 * AES-256-GCM envelope bound to `reference`; nothing readable about a card is stored outside it.
 */
export const GiftwireDelivery = model.define('giftwire_delivery', {
  id: model.id({ prefix: 'gwdel' }).primaryKey(),
  /** The engine's idempotency key (derived from the fulfillment id). */
  reference: model.text().unique(),
  order_id: model.text().index(),
  fulfillment_id: model.text(),
  vendor: model.text(),
  status: model.enum(['delivered', 'partially_delivered', 'failed']),
  /** `gw1:<kid>:<iv>:<tag>:<data>` — the delivered cards as JSON, encrypted, bound to `reference`. */
  sealed_cards: model.text(),
  cards_issued: model.number(),
  cards_failed: model.number(),
  /** Face value per currency of the cards that were not issued: what the shop should refund. */
  not_charged: model.json().nullable(),
  delivered_at: model.dateTime().nullable(),
  notified_at: model.dateTime().nullable(),
});
