import { type BambooSettings, createBamboo } from '@giftwire/bamboo';
import type { VendorAdapter } from '@giftwire/core';

/**
 * Vendor name → adapter factory. Medusa options are plain data (they come from medusa-config), so the provider
 * picks the factory by name; the adapters themselves hold all vendor logic.
 */
const FACTORIES = {
  bamboo: (settings: BambooSettings): VendorAdapter => createBamboo(settings),
} as const;

export type VendorName = keyof typeof FACTORIES;
export const VENDOR_NAMES = Object.keys(FACTORIES) as VendorName[];

export function vendorFactory(name: VendorName): (settings: BambooSettings) => VendorAdapter {
  return FACTORIES[name];
}
