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
  /** Null when the vendor order settled for this order without a Medusa fulfillment (see `unassigned`). */
  fulfillment_id: model.text().nullable(),
  vendor: model.text(),
  /**
   * The giftwire provider that placed it (`giftwire_<registration id>`): one vendor may be registered twice.
   * Null on rows written before that; their `vendor` is also their registration's id.
   */
  provider_id: model.text().nullable(),
  /**
   * `unassigned`: the vendor order settled, but no fulfillment of the order carries its reference (a failed
   * fulfillment workflow whose vendor order could not be cancelled). The cards are kept so they are not lost;
   * staff hand them over or refund.
   */
  status: model.enum(['delivered', 'partially_delivered', 'failed', 'unassigned']),
  /** `gw1:<kid>:<iv>:<tag>:<data>` — the delivered cards as JSON, encrypted, bound to `reference`. */
  sealed_cards: model.text(),
  cards_issued: model.number(),
  cards_failed: model.number(),
  /** Face value per currency of the cards that were not issued: what the shop should refund. */
  not_charged: model.json().nullable(),
  delivered_at: model.dateTime().nullable(),
  notified_at: model.dateTime().nullable(),
});
