import { fileURLToPath } from 'node:url';
import type { AnyVendorSandbox, VendorHarness } from '@giftwire/conformance';
import { generateEncryptionKey } from '@giftwire/engine';
import {
  freePort,
  type RestartablePostgres,
  startEmbeddedPostgres,
} from '../../../scripts/test-services.mjs';
import { ROUTER_BASE } from '../shop/shop-config';
import { type Shop, startShop } from '../shop/start-shop';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** One vendor as the suite attacks it: its harness and its running sandbox (the independent record). */
export interface VendorUnderProof {
  readonly vendor: string;
  readonly harness: VendorHarness;
  readonly sandbox: AnyVendorSandbox;
}

/** Everything a proof part runs against; `close` stops it all. */
export interface ProofWorld {
  readonly postgres: RestartablePostgres;
  readonly shop: Shop;
  readonly vendors: readonly VendorUnderProof[];
  close(): Promise<void>;
}

/**
 * A PostgreSQL the suite starts and owns (never a shared one: it is stopped mid-run), every vendor's sandbox
 * sending its webhooks to the shop, and the shop process on both.
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
    const port = await freePort();
    const vendors: VendorUnderProof[] = [];
    for (const harness of harnesses) {
      const webhookUrl = `http://127.0.0.1:${port}${ROUTER_BASE}/webhooks/${harness.vendor}`;
      const sandbox = await harness.startSandbox(harness.webhook ? { webhookUrl } : {});
      closers.push(() => sandbox.close());
      vendors.push({ vendor: harness.vendor, harness, sandbox });
    }
    const shop = await startShop({
      port,
      databaseUrl: postgres.url,
      encryptionKey: generateEncryptionKey(),
      vendors: vendors.map((v) => ({
        vendor: v.vendor,
        settings: v.sandbox.clientSettings() as Record<string, unknown>,
      })),
    });
    closers.push(() => shop.stop());
    return { postgres, shop, vendors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
