import { createRequire } from 'node:module';
import type { VendorAdapter } from '@giftwire/core';
import { MedusaError } from '@medusajs/framework/utils';

/** The vendors giftwire publishes a package for: `vendor: 'starship'` → `@giftwire/starship`. */
export const KNOWN_VENDORS = ['bamboo', 'starship', 'budgetree', 'gifthub'] as const;

/** A vendor package's `create<Vendor>(settings)`: it validates its own settings and throws on a bad one. */
export type VendorFactory = (settings: Record<string, unknown>) => VendorAdapter;

// This file's own resolution: the plugin's dependencies (a workspace, or a package manager that nests them).
const pluginRequire = createRequire(__filename);

// Per process and project: boot validates every provider, and the registry builds engines later.
const loaded = new Map<string, VendorFactory>();

function vendorError(option: string, message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `giftwire provider option "${option}": ${message}`);
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/** Where `name` resolves: from the app's project directory as Medusa resolves providers, else from the plugin. */
function resolvePackage(name: string, projectDir: string, fromPlugin: NodeJS.Require): string | undefined {
  for (const resolve of [
    () => fromPlugin.resolve(name, { paths: [projectDir] }),
    () => fromPlugin.resolve(name),
  ]) {
    try {
      return resolve();
    } catch (error) {
      // Only "not there" moves on; anything else (a broken package.json) is the package's own error.
      if (!isNotFound(error)) throw error;
    }
  }
  return undefined;
}

/**
 * The adapter factory of a vendor package, found by name at boot: `bamboo` → `require('@giftwire/bamboo')` and
 * its export whose lower-cased name is `createbamboo`. Vendor packages are optional peers of this plugin, so a
 * shop installs only the vendors it sells; one it configured but did not install stops boot with the command
 * that fixes it. This is the only place the plugin reaches a vendor package.
 *
 * @example
 * const createBamboo = vendorFactory('bamboo');
 * const adapter = createBamboo({ clientId, clientSecret, accountId });
 */
export function vendorFactory(
  vendor: string,
  projectDir: string = process.cwd(),
  // Where the plugin itself resolves packages from; a test points it elsewhere to see a vendor that is not installed.
  fromPlugin: NodeJS.Require = pluginRequire,
  /** The option its errors name: `vendor` (single form) or `vendors.<name>` (multi form). */
  option = 'vendor',
): VendorFactory {
  if (!(KNOWN_VENDORS as readonly string[]).includes(vendor)) {
    vendorError(option, `must be one of ${KNOWN_VENDORS.join(', ')}; got ${JSON.stringify(vendor)}`);
  }
  const cacheKey = `${projectDir}\0${vendor}`;
  const cached = loaded.get(cacheKey);
  if (cached) return cached;
  const name = `@giftwire/${vendor}`;
  const path = resolvePackage(name, projectDir, fromPlugin);
  if (!path) vendorError(option, `"${vendor}" needs the package ${name} — npm install ${name}`);
  const exported = fromPlugin(path) as Record<string, unknown>;
  const wanted = `create${vendor}`;
  const key = Object.keys(exported).find(
    (candidate) => candidate.toLowerCase() === wanted && typeof exported[candidate] === 'function',
  );
  if (!key)
    vendorError(option, `${name} exports no create${vendor[0]!.toUpperCase()}${vendor.slice(1)}(settings)`);
  const factory = exported[key] as VendorFactory;
  loaded.set(cacheKey, factory);
  return factory;
}
