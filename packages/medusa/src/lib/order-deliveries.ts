import type { AttemptLogEntry, FulfillmentOrder } from '@giftwire/engine';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { canBeStoredId } from './can-be-stored-id';
import { giftwireProviderId, registrationIdOf } from './giftwire-provider-id';
import type { DeliveryStatus } from './record-delivery';
import { findRegisteredEngine, getEngine, registrationCipher } from './registrations';
import { type DeliveredCard, maskCard, openCards } from './seal-cards';

export type OrderDeliveryStatus = 'processing' | DeliveryStatus;

export interface DeliveryView {
  reference: string;
  vendor: string;
  /** The giftwire provider registration that placed it (`giftwire_bamboo`): one vendor may have several. */
  provider_id: string;
  /** Null for an `unassigned` delivery (admin view only). */
  fulfillment_id: string | null;
  /** The engine's progress: accepted → placing → placed → settled, or needs_attention. */
  state: string;
  /** The vendor order's normalized status. */
  status: string;
  delivery_status: DeliveryStatus | 'pending' | 'unassigned';
  delivered_at: string | null;
  cards: DeliveredCard[];
}

export interface OrderDeliveries {
  order_id: string;
  customer_id: string | null;
  status: OrderDeliveryStatus;
  deliveries: DeliveryView[];
}

interface OrderRow {
  id: string;
  customer_id?: string | null;
  fulfillments?: Array<{
    id: string;
    provider_id?: string | null;
    data?: Record<string, unknown> | null;
    canceled_at?: string | Date | null;
  }>;
}

function overall(deliveries: DeliveryView[]): OrderDeliveryStatus {
  const statuses = deliveries.map((d) => d.delivery_status);
  if (statuses.length === 0 || statuses.includes('pending')) return 'processing';
  if (statuses.every((s) => s === 'delivered')) return 'delivered';
  if (statuses.every((s) => s === 'failed')) return 'failed';
  return 'partially_delivered';
}

/** A vault row's registration: its provider, or (rows from before several registrations) its vendor. */
function rowRegistration(row: { provider_id?: string | null; vendor: string }): string {
  return registrationIdOf(row.provider_id) ?? row.vendor;
}

/**
 * Every giftwire delivery of one order: vault rows for the settled ones (cards opened, or masked), the engine's
 * live state for the rest. `undefined` when the order does not exist.
 */
export async function orderDeliveries(
  container: MedusaContainer,
  orderId: string,
  cards: 'open' | 'masked',
  /** Only this order's owner: anyone else gets `undefined` before any engine or vault is read. */
  only?: { customerId: string },
): Promise<OrderDeliveries | undefined> {
  if (!canBeStoredId(orderId)) return undefined;
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const {
    data: [order],
  } = (await query.graph({
    entity: 'order',
    fields: [
      'id',
      'customer_id',
      'fulfillments.id',
      'fulfillments.provider_id',
      'fulfillments.data',
      'fulfillments.canceled_at',
    ],
    filters: { id: orderId },
  })) as { data: OrderRow[] };
  if (!order) return undefined;
  // Decided on the order row alone, so a stranger's answer never depends on the vendor's state.
  if (only && (!order.customer_id || order.customer_id !== only.customerId)) return undefined;
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  const rows = await vault.listGiftwireDeliveries({ order_id: order.id });

  const deliveries: DeliveryView[] = [];
  for (const fulfillment of order.fulfillments ?? []) {
    const reference = fulfillment.data?.reference;
    const vendor = fulfillment.data?.vendor;
    if (typeof reference !== 'string' || typeof vendor !== 'string' || fulfillment.canceled_at) continue;
    const registrationId = registrationIdOf(fulfillment.provider_id);
    if (!registrationId) continue;
    const row = rows.find((candidate) => candidate.reference === reference);
    const live = await (await findRegisteredEngine(registrationId))?.get(reference);
    const view: DeliveryView = {
      reference,
      vendor,
      provider_id: fulfillment.provider_id!,
      fulfillment_id: fulfillment.id,
      state: live?.state ?? String(fulfillment.data?.state ?? 'accepted'),
      status: live?.status ?? String(fulfillment.data?.status ?? 'pending'),
      delivery_status: (row?.status as DeliveryStatus | undefined) ?? 'pending',
      delivered_at: row?.delivered_at ? new Date(row.delivered_at).toISOString() : null,
      cards: [],
    };
    if (row) {
      const opened = openCards(row.sealed_cards, reference, registrationCipher(registrationId));
      view.cards = cards === 'open' ? opened : opened.map(maskCard);
    }
    deliveries.push(view);
  }
  const status = overall(deliveries);
  if (cards === 'masked') {
    // Staff also see vendor orders that settled without a fulfillment: cards to hand over or refund.
    for (const row of rows.filter((candidate) => candidate.status === 'unassigned')) {
      const registrationId = rowRegistration(row);
      const live = await (await findRegisteredEngine(registrationId))?.get(row.reference);
      deliveries.push({
        reference: row.reference,
        vendor: row.vendor,
        provider_id: row.provider_id ?? giftwireProviderId(registrationId),
        fulfillment_id: null,
        state: live?.state ?? 'settled',
        status: live?.status ?? 'fulfilled',
        delivery_status: 'unassigned',
        delivered_at: null,
        cards: openCards(row.sealed_cards, row.reference, registrationCipher(registrationId)).map(maskCard),
      });
    }
  }
  return { order_id: order.id, customer_id: order.customer_id ?? null, status, deliveries };
}

/** What the admin sees per delivery besides the masked cards: the engine's record and its audit trail. */
export async function engineDetails(
  providerId: string,
  reference: string,
): Promise<{ order?: FulfillmentOrder; attempts: AttemptLogEntry[] }> {
  const engine = await getEngine(registrationIdOf(providerId) ?? providerId);
  const order = await engine.get(reference);
  return { ...(order ? { order } : {}), attempts: order ? await engine.attempts(reference) : [] };
}
