import { fileURLToPath } from 'node:url';
import type { AnyVendorSandbox, VendorHarness } from '@giftwire/conformance';
import { generateEncryptionKey } from '@giftwire/engine';
import {
  freePort,
  type RestartableService,
  startEmbeddedPostgres,
  startRedis,
} from '../../../scripts/test-services.mjs';
import { type MedusaShop, startMedusaShop } from '../medusa/start-medusa-shop';
import { ROUTER_BASE } from '../shop/shop-config';
import { type Shop, startShop } from '../shop/start-shop';
import { startWebhookRelay, type WebhookRelay } from './start-webhook-relay';

/**
 * The shop's prepaid balance at each vendor: the load part places thousands of orders, more than a sandbox's
 * default balance pays for, and an order refused for want of money proves nothing about giftwire.
 */
const WALLET_BALANCE = '100000000';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** One vendor as the suite attacks it: its harness and its running sandbox (the independent record). */
export interface VendorUnderProof {
  readonly vendor: string;
  readonly harness: VendorHarness;
  readonly sandbox: AnyVendorSandbox;
}

/** Everything a proof part runs against; `close` stops it all. */
export interface ProofWorld {
  readonly postgres: RestartableService;
  /** The Redis holding the vendors' rate-limit counters (the shop shares them as several instances would). */
  readonly redis: RestartableService;
  readonly shop: Shop;
  /** The same vendors behind a booted Medusa app with the giftwire plugin (its own database on `postgres`). */
  readonly medusa: MedusaShop;
  /**
   * Every genuine webhook the sandboxes sent, on its way to the shop under test: the Express shop, or the
   * Medusa app while the Medusa parts run (`relay.forwardTo(medusa.webhookBase)`).
   */
  readonly relay: WebhookRelay;
  readonly vendors: readonly VendorUnderProof[];
  close(): Promise<void>;
}

/**
 * A PostgreSQL and a Redis the suite starts and owns (never shared ones: they are stopped mid-run), every vendor's sandbox
 * sending its webhooks to the shop through a relay that keeps them, and the shop process on both.
 *
 * @example
 * const world = await startProofWorld(VENDOR_HARNESSES, console.log);
 * try { ... } finally { await world.close(); }
 */
export async function startProofWorld(
  harnesses: readonly VendorHarness[],
  log: (line: string) => void,
): Promise<ProofWorld> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const postgres = await startEmbeddedPostgres(REPO_ROOT, log);
    closers.push(() => postgres.stop());
    const redis = await startRedis(log);
    closers.push(() => redis.stop());
    const port = await freePort();
    const relay = await startWebhookRelay();
    closers.push(() => relay.close());
    const vendors: VendorUnderProof[] = [];
    for (const harness of harnesses) {
      const webhookUrl = relay.urlFor(harness.vendor);
      const sandbox = await harness.startSandbox({
        ...(harness.webhook && { webhookUrl }),
        walletBalance: WALLET_BALANCE,
      });
      closers.push(() => sandbox.close());
      vendors.push({ vendor: harness.vendor, harness, sandbox });
    }
    const shop = await startShop({
      port,
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      encryptionKey: generateEncryptionKey(),
      vendors: vendors.map((v) => ({
        vendor: v.vendor,
        settings: v.sandbox.clientSettings() as Record<string, unknown>,
      })),
    });
    closers.push(() => shop.stop());
    relay.forwardTo(`${shop.url}${ROUTER_BASE}/webhooks`);
    const medusa = await startMedusaShop({ postgresUrl: postgres.url, vendors, log });
    closers.push(() => medusa.stop());
    return { postgres, redis, shop, medusa, relay, vendors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
