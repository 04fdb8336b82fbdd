import {
  createFulfiller,
  createVoucherCipher,
  type Logger as EngineLogger,
  type Fulfiller,
  type VoucherCipher,
} from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import { MedusaError } from '@medusajs/framework/utils';
import type { ResolvedProviderOptions } from '../providers/giftwire/provider-options';
import { vendorFactory } from '../providers/giftwire/vendor-factory';
import { giftwireProviderId } from './giftwire-provider-id';
import { processWide } from './process-wide';

export interface MedusaLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface Registration {
  options: ResolvedProviderOptions;
  logger: MedusaLogger | undefined;
  cipher: VoucherCipher;
  engine?: Promise<Fulfiller>;
}

/**
 * One engine per provider registration (keyed by its id: `bamboo`, `bamboo_usd`) and process, shared by the
 * provider, the subscriber, the job and the routes. The provider's cradle is the fulfillment module's own
 * container, so nothing the app container holds can reach it; a module-level registry in this package is the
 * one place both sides can see. The provider registers its options when Medusa constructs it (at boot, in
 * every process); the engine itself is created on first use so `medusa db:migrate` and the loaders never open
 * vendor connections. Each engine knows only its own registration's adapters (one per vendor of a
 * multi-vendor registration) and has its own schema.
 */
type EngineHook = (registrationId: string, engine: Fulfiller) => void;

// Every copy of this file in the process must see the same engines, or a process would run two pollers over
// one store and a route could miss the provider's registration.
const { registrations, engineHooks } = processWide('registry', () => ({
  registrations: new Map<string, Registration>(),
  engineHooks: new Set<EngineHook>(),
}));

/** The engine's logger is pino-shaped (`info(obj, msg)`) and already redacted; Medusa's takes one string. */
function engineLogger(logger: MedusaLogger): EngineLogger {
  const line =
    (level: keyof MedusaLogger) =>
    (obj: unknown, msg?: string): void => {
      const text = typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`;
      logger[level](`[giftwire] ${text}`);
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  } as EngineLogger;
}

/** Two registrations on one database and schema would read each other's orders: refuse that at boot. */
function assertOwnTables(options: ResolvedProviderOptions): void {
  for (const [id, other] of registrations) {
    if (id === options.id) continue;
    if (other.options.databaseUrl === options.databaseUrl && other.options.schema === options.schema) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `giftwire provider option "schema": providers ${giftwireProviderId(id)} and ${giftwireProviderId(options.id)} ` +
          `would share the engine tables in schema "${options.schema}"; give ${giftwireProviderId(options.id)} ` +
          `its own "schema" (or a provider id other than its vendor's name)`,
      );
    }
  }
}

/**
 * Called by the provider's constructor and at boot for every configured provider. A later registration under
 * the same id replaces the options.
 *
 * @example
 * registerProvider(resolveProviderOptions(entry.options, { entryId: entry.id }), logger);
 */
export function registerProvider(options: ResolvedProviderOptions, logger?: MedusaLogger): void {
  assertOwnTables(options);
  const existing = registrations.get(options.id);
  registrations.set(options.id, {
    options,
    logger,
    cipher: createVoucherCipher(options.encryption),
    ...(existing?.engine ? { engine: existing.engine } : {}),
  });
}

/** The ids of every registration in this process (`bamboo` → provider `giftwire_bamboo`). */
export function registrationIds(): string[] {
  return [...registrations.keys()];
}

function registration(id: string): Registration {
  const found = registrations.get(id);
  if (!found) {
    throw new Error(
      `giftwire: no provider ${giftwireProviderId(id)} is registered in this process (add it to the fulfillment module's providers)`,
    );
  }
  return found;
}

export function registrationOptions(id: string): ResolvedProviderOptions {
  return registration(id).options;
}

/** The vendors a registration places with (one for the single-vendor form). */
export function registrationVendors(id: string): string[] {
  return Object.keys(registration(id).options.vendors);
}

/** Whether any registration in this process sells `sku` (maps it to a vendor product). */
export function isGiftwireSku(sku: string): boolean {
  for (const { options } of registrations.values()) if (Object.hasOwn(options.products, sku)) return true;
  return false;
}

/** A registration's options, or undefined for an id nobody registered. */
export function findRegistrationOptions(id: string): ResolvedProviderOptions | undefined {
  return registrations.get(id)?.options;
}

/** The cipher for a registration's keys: the vault seals delivered cards with the same keys. */
export function registrationCipher(id: string): VoucherCipher {
  return registration(id).cipher;
}

/**
 * The engine of a registration, created (and, unless `autoStart: false`, started) on first call.
 *
 * @example
 * const engine = await getEngine('bamboo');
 * const order = await engine.get(reference);
 */
export function getEngine(id: string): Promise<Fulfiller> {
  const entry = registration(id);
  if (!entry.engine) {
    const { options, logger } = entry;
    const engine = (async () => {
      const fulfiller = createFulfiller({
        // Every vendor of the registration in one engine: one store, one poller, one webhook entry per vendor.
        vendors: Object.entries(options.vendors).map(([vendor, settings]) => vendorFactory(vendor)(settings)),
        store: createPostgresOrderStore({ connectionString: options.databaseUrl, schema: options.schema }),
        encryption: options.encryption,
        ...(logger ? { logger: engineLogger(logger) } : {}),
      });
      if (options.autoStart !== false) await fulfiller.start();
      for (const hook of engineHooks) hook(id, fulfiller);
      return fulfiller;
    })();
    // A failed start (database down) must not be cached forever: the next call tries again.
    engine.catch(() => {
      if (entry.engine === engine) delete entry.engine;
    });
    entry.engine = engine;
  }
  return entry.engine;
}

/** The engine of a registration in this process, or undefined for an id nobody registered. */
export async function findRegisteredEngine(id: string): Promise<Fulfiller | undefined> {
  return registrations.has(id) ? getEngine(id) : undefined;
}

/**
 * Creates (and, unless `autoStart: false`, starts) the engine of every registered vendor, so a restarted
 * process resumes polling its in-flight orders without waiting for a new order to touch the provider.
 */
export async function ensureEnginesStarted(): Promise<void> {
  await Promise.all(registrationIds().map((id) => getEngine(id)));
}

/** The running engine of a registration, if one was created in this process. */
export function findEngine(id: string): Promise<Fulfiller> | undefined {
  return registrations.get(id)?.engine;
}

/**
 * Runs `hook` for every engine, now and as they are created; returns an unsubscribe function. Used to follow
 * settlements the moment the engine sees them.
 */
export async function onEngineReady(hook: EngineHook): Promise<() => void> {
  engineHooks.add(hook);
  for (const [id, entry] of registrations) {
    const engine = await entry.engine?.catch(() => undefined);
    if (engine) hook(id, engine);
  }
  return () => engineHooks.delete(hook);
}

/** Stops and closes every engine (tests, shutdown). Registrations stay: the providers still exist. */
export async function closeEngines(): Promise<void> {
  const all: Promise<Fulfiller>[] = [];
  for (const entry of registrations.values()) {
    if (entry.engine) all.push(entry.engine);
    delete entry.engine;
  }
  await Promise.all(all.map(async (engine) => (await engine.catch(() => undefined))?.close()));
}
