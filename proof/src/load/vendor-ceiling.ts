import { orderCost, type PlacementCeiling, placementCeiling } from '@giftwire/bench-kit';
import type { VendorHarness } from '@giftwire/conformance';

/** Sample orders the ceiling's product count is taken from: the load part's orders spread the same way. */
const PRODUCT_SAMPLE = 60;

/**
 * The fastest `harness`'s vendor lets orders be placed (orders/s), with the benchmarks' code: one order's
 * cost measured on a fresh sandbox of its own (never the world's, whose counts the report reads), then the
 * tightest rule of the adapter's `limits.rateLimits` counting placements. Undefined for a vendor that
 * publishes no rule.
 *
 * @example
 * const ceiling = await vendorCeiling(harness, (i) => harness.sampleRequest(randomUUID(), 1 + (i % 2), i));
 */
export async function vendorCeiling(
  harness: VendorHarness,
  sample: (index: number) => ReturnType<VendorHarness['sampleRequest']>,
): Promise<PlacementCeiling | undefined> {
  const sandbox = await harness.startSandbox();
  try {
    const adapter = harness.createAdapter(sandbox);
    const cost = await orderCost({ sandbox, adapter, harness });
    const products = new Set(
      Array.from({ length: PRODUCT_SAMPLE }, (_, i) => sample(i).lines.map((l) => l.productId)).flat(),
    ).size;
    return placementCeiling(adapter.limits, products, cost);
  } finally {
    await sandbox.close();
  }
}
