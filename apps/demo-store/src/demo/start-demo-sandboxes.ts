import {
  type BambooSandbox,
  sandboxCatalog as bambooCatalog,
  startBambooSandbox,
} from '@giftwire/bamboo/sandbox';
import {
  type BudgetreeSandbox,
  sandboxCatalog as budgetreeCatalog,
  startBudgetreeSandbox,
} from '@giftwire/budgetree/sandbox';
import {
  type GiftHubSandbox,
  sandboxCatalog as giftHubCatalog,
  startGiftHubSandbox,
} from '@giftwire/gifthub/sandbox';
import {
  type StarshipSandbox,
  sandboxCatalog as starshipCatalog,
  startStarshipSandbox,
} from '@giftwire/starship/sandbox';
import type { DemoVendor } from '../catalog/demo-products';
import {
  BAMBOO_DEMO_BRANDS,
  BUDGETREE_DEMO_PRODUCTS,
  GIFTHUB_DEMO_ITEMS,
  STARSHIP_DEMO_PRODUCTS,
} from '../catalog/vendor-catalogs';
import { type DemoWebhookSecrets, SANDBOX_CREDENTIALS } from './vendor-settings';

export interface DemoSandboxes {
  bamboo: BambooSandbox;
  starship: StarshipSandbox;
  budgetree: BudgetreeSandbox;
  gifthub: GiftHubSandbox;
}

export interface StartSandboxesOptions {
  /** `0` picks a free port. */
  ports: Record<DemoVendor, number>;
  /** Every vendor's orders wait this long before processing, then before their final answer. */
  timing: { processingAfterMs: number; settleAfterMs: number };
  /** Where a vendor's webhooks go on the Medusa side (Budgetree sends none); none without it. */
  medusaWebhookUrl?(vendor: DemoVendor): string;
  /** Bamboo's second, Svix-signed stream goes to the Express side; none without it. */
  expressWebhookUrl?(vendor: 'bamboo'): string;
  secrets: DemoWebhookSecrets;
}

/**
 * Starts the four vendor sandboxes in real time with the shop's brands added to each catalog. If one fails to
 * start, those already started are closed before the error is rethrown.
 *
 * @example
 * const sandboxes = await startDemoSandboxes({ ports: { bamboo: 0, starship: 0, budgetree: 0, gifthub: 0 }, … });
 * sandboxes.starship.issuedSecrets(reference);
 * await closeSandboxes(sandboxes);
 */
export async function startDemoSandboxes(options: StartSandboxesOptions): Promise<DemoSandboxes> {
  const { ports, timing, secrets } = options;
  const medusaHook = (vendor: DemoVendor) => options.medusaWebhookUrl?.(vendor);
  const expressHook = options.expressWebhookUrl?.('bamboo');
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(sandbox: T): T => {
    started.push(sandbox);
    return sandbox;
  };
  try {
    const bamboo = track(
      await startBambooSandbox({
        port: ports.bamboo,
        catalog: [...bambooCatalog, ...BAMBOO_DEMO_BRANDS],
        scenario: timing,
        ...(medusaHook('bamboo') && {
          notification: { url: medusaHook('bamboo'), secretKey: secrets.bambooNotification },
        }),
        ...(expressHook && { svix: { url: expressHook, secret: secrets.bambooSvix } }),
      }),
    );
    const starship = track(
      await startStarshipSandbox({
        port: ports.starship,
        ...SANDBOX_CREDENTIALS.starship,
        catalog: [...starshipCatalog, ...STARSHIP_DEMO_PRODUCTS],
        scenario: timing,
        // Starship's first retry comes 30 s after a failed delivery; the client's polls catch up sooner.
        ...(medusaHook('starship') && {
          webhook: { url: medusaHook('starship')!, secret: secrets.starship },
        }),
      }),
    );
    const budgetree = track(
      await startBudgetreeSandbox({
        port: ports.budgetree,
        ...SANDBOX_CREDENTIALS.budgetree,
        catalog: [...budgetreeCatalog, ...BUDGETREE_DEMO_PRODUCTS],
        scenario: { processingAfterMs: timing.processingAfterMs, completeAfterMs: timing.settleAfterMs },
      }),
    );
    const gifthub = track(
      await startGiftHubSandbox({
        port: ports.gifthub,
        ...SANDBOX_CREDENTIALS.gifthub,
        catalog: [...giftHubCatalog, ...GIFTHUB_DEMO_ITEMS],
        // The redeem reference's shape: each card its own code, PIN, redeem link, serial and expiry.
        scenario: { ...timing, redeemShape: 'cards' },
        ...(medusaHook('gifthub') && { webhook: { url: medusaHook('gifthub')!, secret: secrets.gifthub } }),
      }),
    );
    return { bamboo, starship, budgetree, gifthub };
  } catch (error) {
    await closeSandboxes(started);
    throw error;
  }
}

/** Closes sandboxes in reverse start order; one that fails to close does not keep the others open. */
export async function closeSandboxes(
  sandboxes: DemoSandboxes | readonly { close(): Promise<void> }[],
): Promise<void> {
  const list = Array.isArray(sandboxes) ? [...sandboxes] : Object.values(sandboxes);
  const results = await Promise.allSettled(list.reverse().map((sandbox) => sandbox.close()));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
