import { harnessProduct, harnessSettings } from '../../../packages/medusa/test/support/harness-settings';
import type { VendorUnderProof } from '../world/start-proof-world';

/** The variant SKU the proof's Medusa shop sells each vendor's card under. */
export const skuOf = (vendor: string) => `GC-${vendor.toUpperCase()}`;

/**
 * The one giftwire registration (`digital`) of the proof's Medusa shop, as the plugin's tests build it: every
 * sandbox's settings with the harness's time-scaled limits and request timeout, a product per vendor, the
 * encryption key, and a link secret (guests' signed links are a route the suite attacks).
 *
 * @example
 * const options = medusaProviderOptions(world.vendors, { encryptionKey, linkSecret });
 * env.PROOF_MEDUSA_PROVIDER = JSON.stringify(options);
 */
export function medusaProviderOptions(
  vendors: readonly VendorUnderProof[],
  secrets: { encryptionKey: string; linkSecret: string },
) {
  return {
    vendors: Object.fromEntries(vendors.map((v) => [v.vendor, harnessSettings(v.harness, v.sandbox)])),
    products: Object.fromEntries(vendors.map((v) => [skuOf(v.vendor), harnessProduct(v.harness)])),
    encryption: { keys: { k1: secrets.encryptionKey }, activeKeyId: 'k1' },
    linkSecret: secrets.linkSecret,
    // Medusa's test payment provider only authorizes and never captures (as in the demo and the plugin's
    // restart test); the proof is about what happens after the vendor is asked, not about captures.
    placeOn: 'authorized',
  };
}
