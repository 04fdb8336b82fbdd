import type { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';

/** One of the four vendors' conformance harnesses, and the sandbox it starts. */
export type VendorHarness = (typeof VENDOR_HARNESSES)[number];
export type HarnessSandbox = Awaited<ReturnType<VendorHarness['startSandbox']>>;

/**
 * A vendor's provider settings (`vendors.<name>` of a multi-vendor registration) for a harness's sandbox: the
 * sandbox's credentials and URL, the harness's time-scaled limits and request timeout, and no environment
 * fallbacks (a developer's own variables must not leak into a test).
 *
 * @example
 * const sandbox = await bambooHarness.startSandbox();
 * const options = { vendors: { bamboo: harnessSettings(bambooHarness, sandbox) }, products, encryption };
 */
export function harnessSettings(harness: VendorHarness, sandbox: HarnessSandbox): Record<string, unknown> {
  return {
    ...(sandbox.clientSettings() as Record<string, unknown>),
    env: {},
    // The limits the harness gives its own adapters: on the test time scale, matching the sandbox's rules.
    limits: harness.createAdapter(sandbox).limits,
    timeoutMs: harness.requestTimeoutMs,
  };
}

/** The product a harness sells by default, as a provider `products` entry of that vendor. */
export function harnessProduct(harness: VendorHarness, index = 0) {
  const [line] = harness.sampleRequest('00000000-0000-8000-8000-000000000000', 1, index).lines;
  return { vendor: harness.vendor, productId: line!.productId, faceValue: { ...line!.faceValue } };
}
