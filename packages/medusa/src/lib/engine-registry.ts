import { createFulfiller, type Logger as EngineLogger, type Fulfiller } from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import type { ResolvedProviderOptions } from '../providers/giftwire/provider-options';
import { vendorFactory } from '../providers/giftwire/vendors';

interface MedusaLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * One engine per vendor registration and process, shared by the provider, the scheduled job and the webhook
 * route. The provider's cradle is the fulfillment module's own container, so nothing the app container holds
 * can reach it; a module-level registry in this package is the one place both sides can see.
 */
const engines = new Map<string, Promise<Fulfiller>>();

/** The engine's logger is pino-shaped (`info(obj, msg)`) and already redacted; Medusa's takes one string. */
function engineLogger(logger: MedusaLogger | undefined): EngineLogger | undefined {
  if (!logger) return undefined;
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

export function getEngine(options: ResolvedProviderOptions, logger?: MedusaLogger): Promise<Fulfiller> {
  const key = options.vendor;
  let engine = engines.get(key);
  if (!engine) {
    engine = (async () => {
      const fulfiller = createFulfiller({
        vendors: [vendorFactory(options.vendor)(options.settings ?? {})],
        store: createPostgresOrderStore({
          connectionString: options.databaseUrl,
          ...(options.schema ? { schema: options.schema } : {}),
        }),
        encryption: options.encryption,
        ...(engineLogger(logger) ? { logger: engineLogger(logger) } : {}),
      });
      if (options.autoStart !== false) await fulfiller.start();
      return fulfiller;
    })();
    // A failed start (database down) must not be cached forever: the next call tries again.
    engine.catch(() => engines.delete(key));
    engines.set(key, engine);
  }
  return engine;
}

/** The running engine for a vendor, if the provider has created one in this process. */
export function findEngine(vendor: string): Promise<Fulfiller> | undefined {
  return engines.get(vendor);
}

/** Stops and closes every engine (tests, shutdown). */
export async function closeEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map(async (engine) => (await engine.catch(() => undefined))?.close()));
}
