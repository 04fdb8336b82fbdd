import type { Logger, MedusaContainer } from '@medusajs/framework/types';
import { MedusaService } from '@medusajs/framework/utils';
import { followSettlements } from '../../lib/follow-settlements';
import { closeEngines, ensureEnginesStarted } from '../../lib/registrations';
import { GiftwireCodesLink } from './models/giftwire-codes-link';
import { GiftwireDelivery } from './models/giftwire-delivery';

type InjectedDependencies = { logger?: Logger };

/**
 * CRUD over delivered vendor orders (sealing and opening the cards lives in `lib/seal-cards`) and over the
 * per-order version of signed codes links (`lib/codes-link`).
 */
export default class GiftwireModuleService extends MedusaService({ GiftwireDelivery, GiftwireCodesLink }) {
  protected readonly logger_: Logger | undefined;

  constructor(...args: [InjectedDependencies, ...unknown[]]) {
    // MedusaService takes the whole cradle (and module options): pass them on unchanged.
    super(...args);
    this.logger_ = args[0].logger;
  }

  /** The version an order's codes links must carry; 0 until staff first revoke. */
  async codesLinkVersion(orderId: string): Promise<number> {
    const [row] = await this.listGiftwireCodesLinks({ order_id: orderId });
    return row?.version ?? 0;
  }

  /** Revokes every codes link of the order issued so far; returns the new version. */
  async revokeCodesLinks(orderId: string): Promise<number> {
    const [row] = await this.listGiftwireCodesLinks({ order_id: orderId });
    if (!row) {
      try {
        return (await this.createGiftwireCodesLinks({ order_id: orderId, version: 1 })).version;
      } catch (error) {
        // Revoked at the same moment elsewhere (unique order id): bump that row instead.
        const [raced] = await this.listGiftwireCodesLinks({ order_id: orderId });
        if (!raced) throw error;
        return (await this.updateGiftwireCodesLinks({ id: raced.id, version: raced.version + 1 })).version;
      }
    }
    return (await this.updateGiftwireCodesLinks({ id: row.id, version: row.version + 1 })).version;
  }

  /**
   * Medusa calls these when the app starts and stops (not during `db:migrate`). At start the engines of the
   * configured vendors (registered by this module's loader) begin to poll, so orders that were in flight at a
   * restart are followed and delivered without waiting for a new checkout or the next sync run.
   */
  __hooks = {
    onApplicationStart: async (): Promise<void> => {
      try {
        // The app container (Query, workflows, locking): what delivering a settled order needs.
        const { container } = (await import('@medusajs/framework')) as { container: MedusaContainer };
        followSettlements(container);
        await ensureEnginesStarted();
      } catch (error) {
        // Not fatal: the giftwire-sync job retries every minute.
        this.logger_?.error(`[giftwire] could not start the engines at boot: ${(error as Error).message}`);
      }
    },
    onApplicationShutdown: async (): Promise<void> => {
      await closeEngines();
    },
  };
}
