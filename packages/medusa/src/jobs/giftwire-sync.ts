import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { followSettlements } from '../lib/follow-settlements';
import { registerConfiguredVendors } from '../lib/register-configured-vendors';
import { ensureEnginesStarted } from '../lib/registrations';
import { syncPaidOrders } from '../lib/sync-paid-orders';
import { syncPendingDeliveries } from '../lib/sync-pending-deliveries';

/**
 * Keeps every process's engines running (they poll the vendors on their own schedule), places paid orders
 * whose capture event was missed, and delivers any settled order the event fast path missed — the source of
 * truth after a crash or a restart.
 */
export default async function giftwireSync(container: MedusaContainer): Promise<void> {
  registerConfiguredVendors(container);
  followSettlements(container);
  await ensureEnginesStarted();
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
  const paid = await syncPaidOrders(container);
  if (paid.placed > 0) logger.info(`[giftwire] giftwire-sync placed ${paid.placed} paid order(s)`);
  const summary = await syncPendingDeliveries(container);
  if (summary.delivered > 0) {
    logger.info(`[giftwire] giftwire-sync delivered ${summary.delivered} settled order(s)`);
  }
}

export const config = {
  name: 'giftwire-sync',
  schedule: '* * * * *',
};
