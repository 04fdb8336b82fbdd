import { getEngine, registeredVendors } from './engine-registry';

/**
 * Creates (and, unless `autoStart: false`, starts) the engine of every registered vendor, so a restarted
 * process resumes polling its in-flight orders without waiting for a new order to touch the provider.
 */
export async function ensureEnginesStarted(): Promise<void> {
  await Promise.all(registeredVendors().map((vendor) => getEngine(vendor)));
}
