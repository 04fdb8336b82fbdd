import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { ensureEnginesStarted } from '../lib/engine-registry';
import { followSettlements } from '../lib/follow-settlements';
import { syncPendingDeliveries } from '../lib/sync-pending-deliveries';

/**
 * Keeps every process's engines running (they poll the vendors on their own schedule) and delivers any
 * settled order the event fast path missed — the source of truth after a crash or a restart.
 */
export default async function giftwireSync(container: MedusaContainer): Promise<void> {
  followSettlements(container);
  await ensureEnginesStarted();
  const summary = await syncPendingDeliveries(container);
  if (summary.delivered > 0) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`[giftwire] giftwire-sync delivered ${summary.delivered} settled order(s)`);
  }
}

export const config = {
  name: 'giftwire-sync',
  schedule: '* * * * *',
};
