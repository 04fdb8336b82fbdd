import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { giftwireProviderId, registrationIdOf } from './giftwire-provider-id';
import { getEngine, registrationIds } from './registrations';
import { settleDelivery } from './settle-delivery';

interface OpenFulfillment {
  id: string;
  provider_id?: string | null;
  data?: { reference?: unknown } | null;
}

/** How many of each registration's most recent settled orders are checked for a missing vault row per run. */
const RECENT_SETTLED = 100;

/** How long an unsent notification is retried (e.g. while no notification module is configured). */
const NOTIFY_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Finishes every delivery the event fast path did not: open giftwire fulfillments whose vendor order may have
 * settled (no vault row yet, or a row written just before a crash), and delivered rows whose customer was
 * not notified yet. Bounded by open work, not by history; `settleDelivery` is idempotent, so a row that is
 * already complete costs one read.
 */
export async function syncPendingDeliveries(container: MedusaContainer): Promise<{ delivered: number }> {
  const ids = registrationIds();
  if (ids.length === 0) return { delivered: 0 };
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  const { data } = (await query.graph({
    entity: 'fulfillment',
    fields: ['id', 'provider_id', 'data'],
    filters: {
      provider_id: ids.map(giftwireProviderId),
      delivered_at: null,
      canceled_at: null,
    },
  })) as { data: OpenFulfillment[] };
  const work = new Map<string, string>(); // reference → registration id
  for (const fulfillment of data) {
    const reference = fulfillment.data?.reference;
    const id = registrationIdOf(fulfillment.provider_id);
    if (typeof reference === 'string' && id) work.set(reference, id);
  }
  if (work.size > 0) {
    // A failed delivery (nothing issued) stays open on purpose: the shop refunds it.
    const failed = await vault.listGiftwireDeliveries(
      { reference: [...work.keys()], status: 'failed' },
      { select: ['reference'] },
    );
    for (const row of failed) work.delete(row.reference);
  }
  const unnotified = await vault.listGiftwireDeliveries(
    {
      notified_at: null,
      status: ['delivered', 'partially_delivered'],
      created_at: { $gte: new Date(Date.now() - NOTIFY_RETRY_WINDOW_MS) },
    },
    { select: ['reference', 'vendor', 'provider_id'] },
  );
  const open = new Set(work.keys());
  // Rows from before several registrations have no provider; their vendor is their registration's id.
  for (const row of unnotified) work.set(row.reference, registrationIdOf(row.provider_id) ?? row.vendor);
  // Settled vendor orders with no fulfillment to find them by (see keepUnassigned): the newest few per engine.
  for (const id of ids) {
    const { orders } = await (await getEngine(id)).list({ state: 'settled', limit: RECENT_SETTLED });
    const candidates = orders.filter((order) => order.shopOrderId && !work.has(order.reference));
    if (candidates.length === 0) continue;
    const known = await vault.listGiftwireDeliveries(
      { reference: candidates.map((order) => order.reference) },
      { select: ['reference'] },
    );
    const recorded = new Set(known.map((row) => row.reference));
    for (const order of candidates) if (!recorded.has(order.reference)) work.set(order.reference, id);
  }

  let delivered = 0;
  for (const [reference, id] of work) {
    if (!ids.includes(id)) continue;
    const outcome = await settleDelivery(container, id, reference);
    if (open.has(reference) && (outcome === 'delivered' || outcome === 'partially_delivered')) delivered += 1;
  }
  return { delivered };
}
