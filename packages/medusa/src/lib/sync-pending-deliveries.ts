import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { registeredVendors } from './engine-registry';
import { settleDelivery } from './settle-delivery';

interface OpenFulfillment {
  id: string;
  provider_id: string;
  data?: { reference?: unknown; vendor?: unknown } | null;
}

/**
 * Delivers every settled vendor order whose Medusa fulfillment is still open and has no vault row. Bounded by
 * the open giftwire fulfillments, not by history.
 */
export async function syncPendingDeliveries(container: MedusaContainer): Promise<{ delivered: number }> {
  const vendors = registeredVendors();
  if (vendors.length === 0) return { delivered: 0 };
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
  const { data } = (await query.graph({
    entity: 'fulfillment',
    fields: ['id', 'provider_id', 'data'],
    filters: {
      provider_id: vendors.map((vendor) => `giftwire_${vendor}`),
      delivered_at: null,
      canceled_at: null,
    },
  })) as { data: OpenFulfillment[] };
  const open = data.filter((f) => typeof f.data?.reference === 'string');
  if (open.length === 0) return { delivered: 0 };
  const recorded = await vault.listGiftwireDeliveries(
    { reference: open.map((f) => f.data!.reference as string) },
    { select: ['reference'] },
  );
  const done = new Set(recorded.map((row) => row.reference));
  let delivered = 0;
  for (const fulfillment of open) {
    const reference = fulfillment.data!.reference as string;
    if (done.has(reference)) continue;
    const vendor = fulfillment.provider_id.slice('giftwire_'.length);
    const outcome = await settleDelivery(container, vendor, reference);
    if (outcome === 'delivered' || outcome === 'partially_delivered') delivered += 1;
  }
  return { delivered };
}
