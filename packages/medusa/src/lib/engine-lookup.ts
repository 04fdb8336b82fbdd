import type { Fulfiller } from '@giftwire/engine';
import { getEngine, registeredVendors } from './engine-registry';

/** The engine of a vendor registered in this process, or undefined for a name nobody registered. */
export async function findRegisteredEngine(vendor: string): Promise<Fulfiller | undefined> {
  if (!registeredVendors().includes(vendor)) return undefined;
  return getEngine(vendor);
}
