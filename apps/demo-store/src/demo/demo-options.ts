import { join } from 'node:path';
import { APP_DIR } from './start-medusa';

export interface DemoPorts {
  storefront: number;
  medusa: number;
  express: number;
  bamboo: number;
  starship: number;
  budgetree: number;
  gifthub: number;
  /** The embedded PostgreSQL (unused with a database URL). */
  postgres: number;
}

export interface DemoOptions {
  /** Default `apps/demo-store/.data` (`DEMO_DATA_DIR`). */
  dataDir?: string;
  /** Default `DATABASE_URL`; without one the demo runs an embedded PostgreSQL under the data dir. */
  databaseUrl?: string;
  /**
   * `0` picks a free port. Defaults: storefront 8000, Medusa 9000, Express 9100, the sandboxes 9200 (Bamboo),
   * 9201 (Starship), 9202 (Budgetree), 9203 (GiftHub), PostgreSQL 54329 (`DEMO_<NAME>_PORT`).
   */
  ports?: Partial<DemoPorts>;
  /** How long every vendor sandbox keeps an order pending, then processing: slow enough to watch. */
  vendorTiming?: { processingAfterMs: number; settleAfterMs: number };
  /** Copy Medusa's and PostgreSQL's output to the console (`DEMO_VERBOSE=1`). */
  verbose?: boolean;
  /** The demo's own progress lines; default console.log. */
  log?: (line: string) => void;
  /** Aborting (Ctrl-C during start-up) stops what was started so far and makes `startDemo` reject. */
  signal?: AbortSignal;
}

export interface ResolvedDemoOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  ports: DemoPorts;
  vendorTiming: { processingAfterMs: number; settleAfterMs: number };
  verbose: boolean;
  log: (line: string) => void;
  signal: AbortSignal | undefined;
}

const DEFAULT_PORTS: DemoPorts = {
  storefront: 8000,
  medusa: 9000,
  express: 9100,
  bamboo: 9200,
  starship: 9201,
  budgetree: 9202,
  gifthub: 9203,
  postgres: 54329,
};

function portFromEnv(env: NodeJS.ProcessEnv, name: keyof DemoPorts): number | undefined {
  const raw = env[`DEMO_${name.toUpperCase()}_PORT`];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`DEMO_${name.toUpperCase()}_PORT must be a port number; got ${JSON.stringify(raw)}`);
  }
  return port;
}

export function resolveDemoOptions(
  options: DemoOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedDemoOptions {
  const ports = { ...DEFAULT_PORTS };
  for (const name of Object.keys(DEFAULT_PORTS) as (keyof DemoPorts)[]) {
    ports[name] = options.ports?.[name] ?? portFromEnv(env, name) ?? DEFAULT_PORTS[name];
  }
  return {
    dataDir: options.dataDir ?? env.DEMO_DATA_DIR ?? join(APP_DIR, '.data'),
    databaseUrl: options.databaseUrl ?? (env.DATABASE_URL || undefined),
    ports,
    vendorTiming: options.vendorTiming ?? { processingAfterMs: 1_500, settleAfterMs: 4_000 },
    verbose: options.verbose ?? env.DEMO_VERBOSE === '1',
    log: options.log ?? ((line) => console.log(line)),
    signal: options.signal,
  };
}
