import type { VendorHarness } from '@giftwire/conformance';
// Each harness lives beside the vendor it describes (its conformance run uses it there); this list is the one
// place that names all four, so a test or benchmark that runs "every vendor" cannot forget one.
import { bambooHarness } from '../../bamboo/test/bamboo-harness';
import { budgetreeHarness } from '../../budgetree/test/budgetree-harness';
import { giftHubHarness } from '../../gifthub/test/gifthub-harness';
import { starshipHarness } from '../../starship/test/starship-harness';

export { bambooHarness, budgetreeHarness, giftHubHarness, starshipHarness };

/**
 * Every vendor giftwire ships, as its conformance harness: `startSandbox(scenario)`, `createAdapter(sandbox)`
 * (limits on the shared test time scale), `sampleRequest(reference)`, `credentials(sandbox)`.
 *
 * @example
 * for (const harness of VENDOR_HARNESSES) {
 *   const sandbox = await harness.startSandbox();
 *   const fulfiller = createFulfiller({ vendors: [harness.createAdapter(sandbox)], encryption });
 * }
 */
export const VENDOR_HARNESSES: readonly VendorHarness[] = [
  bambooHarness,
  starshipHarness,
  budgetreeHarness,
  giftHubHarness,
] as unknown as readonly VendorHarness[];
