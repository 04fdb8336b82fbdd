import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigModule } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MedusaError } from '@medusajs/framework/utils';
import { resolveProviderOptions } from '../providers/giftwire/provider-options';
import { processWide } from './process-wide';
import { type MedusaLogger, registerProvider } from './registrations';

interface Resolver {
  resolve<T = unknown>(key: string, options?: { allowUnregistered?: boolean }): T;
}

interface ProviderEntry {
  resolve?: unknown;
  id?: unknown;
  options?: unknown;
}

const PROVIDER_IDENTIFIER = 'giftwire';

// Once per config object and process: the routes call this on every request.
const done = processWide('configured-vendors', () => new WeakSet<object>());

function isGiftwireModuleProvider(value: unknown): boolean {
  const services = (value as { services?: unknown } | null)?.services;
  return (
    Array.isArray(services) &&
    services.some((service) => (service as { identifier?: unknown })?.identifier === PROVIDER_IDENTIFIER)
  );
}

/** A provider entry is ours when its module's service is the giftwire provider, as a path or as an object. */
function isGiftwireProvider(resolve: unknown, rootDirectory: string): boolean {
  if (typeof resolve !== 'string') {
    const loaded = resolve as { default?: unknown } | null;
    return isGiftwireModuleProvider(loaded) || isGiftwireModuleProvider(loaded?.default);
  }
  try {
    // Medusa resolves provider paths from the project directory; so do we.
    const loaded = createRequire(join(rootDirectory, 'medusa-config.js'))(resolve) as { default?: unknown };
    return isGiftwireModuleProvider(loaded?.default ?? loaded);
  } catch {
    // Not loadable from here (a path only Medusa's own resolver understands): fall back to its name.
    return /(^|\/)@giftwire\/medusa\/providers\/giftwire(\/|$)/.test(resolve);
  }
}

/** Every giftwire provider entry of every module's `providers` option (the fulfillment module's, in practice). */
export function configuredGiftwireProviders(configModule: ConfigModule, rootDirectory = process.cwd()) {
  const found: ProviderEntry[] = [];
  for (const declaration of Object.values(configModule.modules ?? {})) {
    if (typeof declaration !== 'object' || declaration === null) continue;
    const providers = (declaration as { options?: { providers?: unknown } }).options?.providers;
    if (!Array.isArray(providers)) continue;
    for (const entry of providers as ProviderEntry[]) {
      if (entry && isGiftwireProvider(entry.resolve, rootDirectory)) found.push(entry);
    }
  }
  return found;
}

/**
 * The `id` of the medusa-config provider entry that `options` came from: Medusa passes a provider its options
 * but not its entry's id, which is the registration's id (provider `giftwire_<id>`). Undefined when the config
 * is not at hand or no entry matches; two entries with the same options (nothing tells them apart) throw.
 *
 * @example
 * const entryId = providerEntryId(cradle.configModule, options); // "bamboo_usd"
 */
export function providerEntryId(
  configModule: ConfigModule | undefined,
  options: unknown,
): string | undefined {
  if (!configModule) return undefined;
  const entries = configuredGiftwireProviders(configModule);
  const same = entries.filter((entry) => entry.options === options);
  // Medusa may hand over a copy of the options: the same data names the same entry.
  const matches =
    same.length > 0 ? same : entries.filter((entry) => isDeepStrictEqual(entry.options, options));
  if (matches.length > 1) {
    // Guessing would run one entry's provider on another's engine: make the shop tell them apart.
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `giftwire provider option "id" is needed: providers ${matches.map((entry) => String(entry.id)).join(' and ')} have the same options; give each its "id"`,
    );
  }
  const id = matches[0]?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Registers every giftwire provider configured in `medusa-config` (the fulfillment module's provider entries,
 * each under its entry's id) in this process's engine registry. Medusa 2.21 constructs a fulfillment provider
 * only when something first uses it, so after a restart nothing would know the registrations until a cart
 * picked the shipping option: the codes route, the webhook route and the sync job would all fail for existing
 * orders. The vault module's loader calls this at boot; the subscribers, job and routes call it too (cheap:
 * once per config). Two providers that would share engine tables stop boot.
 *
 * @example
 * registerConfiguredVendors(container); // the app's or a module's container: both hold `configModule`
 */
export function registerConfiguredVendors(container: Resolver, logger?: MedusaLogger): string[] {
  const configModule = container.resolve<ConfigModule | undefined>(ContainerRegistrationKeys.CONFIG_MODULE, {
    allowUnregistered: true,
  });
  if (!configModule || done.has(configModule)) return [];
  const log =
    logger ??
    container.resolve<MedusaLogger | undefined>(ContainerRegistrationKeys.LOGGER, {
      allowUnregistered: true,
    });
  const ids: string[] = [];
  for (const entry of configuredGiftwireProviders(configModule)) {
    try {
      resolveProviderOptions(entry.options);
    } catch (error) {
      // Medusa's own provider loader refuses these options at boot with the option's name; say it once here.
      log?.warn(`[giftwire] provider ${String(entry.id ?? '?')} not registered: ${(error as Error).message}`);
      continue;
    }
    // Not caught: what only the entry shows (an `id` option that is not the entry's, two providers on one set
    // of engine tables) must stop boot, and Medusa's loader cannot see it.
    const options = resolveProviderOptions(entry.options, {
      ...(typeof entry.id === 'string' ? { entryId: entry.id } : {}),
    });
    registerProvider(options, log);
    ids.push(options.id);
  }
  done.add(configModule);
  return ids;
}
