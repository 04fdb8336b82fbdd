import type { Fulfiller } from '@giftwire/engine';
import type { Logger, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { processWide } from './process-wide';
import { onEngineReady } from './registrations';
import { settleDelivery } from './settle-delivery';

// Process-wide, like the engine registry: every copy of this file must share one listener per engine.
const state = processWide('follow', () => ({
  container: undefined as MedusaContainer | undefined,
  followed: new WeakSet<Fulfiller>(),
}));

/**
 * The fast path from "the vendor settled" to "the customer has the codes": every engine in this process runs
 * `settleDelivery` on its `order.settled` event. It needs the app container, which only the subscriber, the job
 * and the routes receive, so each of them calls this (only the first call does anything). The scheduled job
 * stays the source of truth: it finds any settlement this path missed (a crash, another process).
 */
export function followSettlements(container: MedusaContainer): void {
  const first = state.container === undefined;
  // The newest app container wins (a test boots several apps in one process; production boots one).
  state.container = container;
  if (!first) return;
  void onEngineReady((registrationId, engine) => {
    if (state.followed.has(engine)) return;
    state.followed.add(engine);
    engine.on('order.settled', async (order) => {
      const app = state.container as MedusaContainer;
      const logger = app.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
      try {
        await settleDelivery(app, registrationId, order.reference);
      } catch (error) {
        logger.error(
          `[giftwire] delivering ${order.reference} failed; the giftwire-sync job will retry: ${(error as Error).message}`,
        );
      }
    });
  });
}
