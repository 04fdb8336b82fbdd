import {
  createFulfiller,
  createVoucherCipher,
  type Logger as EngineLogger,
  type Fulfiller,
  type VoucherCipher,
} from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import type { ResolvedProviderOptions } from '../providers/giftwire/provider-options';
import { vendorFactory } from '../providers/giftwire/vendors';
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
 * One engine per vendor registration and process, shared by the provider, the subscriber, the job and the
 * routes. The provider's cradle is the fulfillment module's own container, so nothing the app container holds
 * can reach it; a module-level registry in this package is the one place both sides can see. The provider
 * registers its options when Medusa constructs it (at boot, in every process); the engine itself is created
 * on first use so `medusa db:migrate` and the loaders never open vendor connections.
 */
type EngineHook = (vendor: string, engine: Fulfiller) => void;

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

/** Called by the provider's constructor. A later registration of the same vendor replaces the options. */
export function registerVendor(options: ResolvedProviderOptions, logger?: MedusaLogger): void {
  const existing = registrations.get(options.vendor);
  registrations.set(options.vendor, {
    options,
    logger,
    cipher: createVoucherCipher(options.encryption),
    ...(existing?.engine ? { engine: existing.engine } : {}),
  });
}

export function registeredVendors(): string[] {
  return [...registrations.keys()];
}

function registration(vendor: string): Registration {
  const found = registrations.get(vendor);
  if (!found) {
    throw new Error(
      `giftwire: no provider is registered for vendor "${vendor}" in this process (add it to the fulfillment module's providers)`,
    );
  }
  return found;
}

export function vendorOptions(vendor: string): ResolvedProviderOptions {
  return registration(vendor).options;
}

/** A registered vendor's options, or undefined for a name nobody registered. */
export function findVendorOptions(vendor: string): ResolvedProviderOptions | undefined {
  return registrations.get(vendor)?.options;
}

/** The cipher for a vendor registration's keys: the vault seals delivered cards with the same keys. */
export function vendorCipher(vendor: string): VoucherCipher {
  return registration(vendor).cipher;
}

export function getEngine(vendor: string): Promise<Fulfiller> {
  const entry = registration(vendor);
  if (!entry.engine) {
    const { options, logger } = entry;
    const engine = (async () => {
      const fulfiller = createFulfiller({
        vendors: [vendorFactory(options.vendor)(options.settings ?? {})],
        store: createPostgresOrderStore({
          connectionString: options.databaseUrl,
          ...(options.schema ? { schema: options.schema } : {}),
        }),
        encryption: options.encryption,
        ...(logger ? { logger: engineLogger(logger) } : {}),
      });
      if (options.autoStart !== false) await fulfiller.start();
      for (const hook of engineHooks) hook(vendor, fulfiller);
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

/** The engine of a vendor registered in this process, or undefined for a name nobody registered. */
export async function findRegisteredEngine(vendor: string): Promise<Fulfiller | undefined> {
  return registrations.has(vendor) ? getEngine(vendor) : undefined;
}

/**
 * Creates (and, unless `autoStart: false`, starts) the engine of every registered vendor, so a restarted
 * process resumes polling its in-flight orders without waiting for a new order to touch the provider.
 */
export async function ensureEnginesStarted(): Promise<void> {
  await Promise.all(registeredVendors().map((vendor) => getEngine(vendor)));
}

/** The running engine for a vendor, if one was created in this process. */
export function findEngine(vendor: string): Promise<Fulfiller> | undefined {
  return registrations.get(vendor)?.engine;
}

/**
 * Runs `hook` for every engine, now and as they are created; returns an unsubscribe function. Used to follow
 * settlements the moment the engine sees them.
 */
export async function onEngineReady(hook: EngineHook): Promise<() => void> {
  engineHooks.add(hook);
  for (const [vendor, entry] of registrations) {
    const engine = await entry.engine?.catch(() => undefined);
    if (engine) hook(vendor, engine);
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
