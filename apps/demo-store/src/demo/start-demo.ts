import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ADMIN, DEMO_CUSTOMER } from '../catalog/demo-identity';
import { type DemoVendor, VENDOR_LABELS } from '../catalog/demo-products';
import { startDatabase } from './database';
import { type DemoOptions, resolveDemoOptions } from './demo-options';
import { startExpressSide } from './express-side';
import { freePort } from './free-port';
import { medusaWebhookUrl } from './medusa-webhook-url';
import { findPublishableKey } from './publishable-key';
import { loadOrCreateSecrets, webhookSecretsOf } from './secrets';
import { closeSandboxes, type DemoSandboxes, startDemoSandboxes } from './start-demo-sandboxes';
import { runMedusa, startMedusa } from './start-medusa';
import { startStorefrontServer } from './storefront-server';
import { demoVendorSettings, vendorEnv } from './vendor-settings';

export interface DemoUrls {
  storefront: string;
  medusa: string;
  /** The Express app; the giftwire router is at `expressApi`. */
  express: string;
  expressApi: string;
  /** Each vendor sandbox, by vendor. */
  sandboxes: Record<DemoVendor, string>;
  /** Medusa's admin, with the giftwire widget on the order page. */
  admin: string;
}

export interface RunningDemo {
  urls: DemoUrls;
  /** Secrets, logs and (embedded) the database live here. */
  dataDir: string;
  /** Only the `DATABASE_URL`-style location, for tests that inspect or drop it. */
  databaseUrl: string;
  publishableKey: string;
  expressApiKey: string;
  demoCustomer: { email: string; password: string };
  demoAdmin: { email: string; password: string };
  /** The four vendor sandboxes, so a test can compare what the storefront shows with what was issued. */
  sandboxes: DemoSandboxes;
  /** Seconds each phase took (first run: migrations and seed dominate). */
  timings: Record<string, number>;
  /** Stops Medusa, the Express side, the sandboxes, the storefront, then the database. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the whole demo: database (embedded unless a URL is given), the four vendor sandboxes, the Express
 * side, Medusa (migrated, seeded on first run) and the storefront. On a failure it stops what it had started.
 *
 * @example
 * const demo = await startDemo({ ports: { storefront: 0, medusa: 0, express: 0 } });
 * console.log(demo.urls.storefront, demo.urls.sandboxes.gifthub);
 * await demo.stop();
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const o = resolveDemoOptions(options);
  const started = Date.now();
  const timings: Record<string, number> = {};
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error) => o.log(`  (while stopping: ${(error as Error).message})`));
    }
  };
  let phaseStart = Date.now();
  const phase = (name: string) => {
    timings[name] = (Date.now() - phaseStart) / 1000;
    phaseStart = Date.now();
    // Between phases is where an interrupted start stops: what was started is stopped by the catch below.
    o.signal?.throwIfAborted();
  };

  try {
    mkdirSync(join(o.dataDir, 'logs'), { recursive: true });
    const secrets = loadOrCreateSecrets(o.dataDir);
    const medusaLog = join(o.dataDir, 'logs', 'medusa.log');
    const postgresLog = createWriteStream(join(o.dataDir, 'logs', 'postgres.log'), { flags: 'a' });
    stops.push(() => new Promise((resolve) => postgresLog.end(resolve)));

    // The storefront's origin must be known before Medusa starts (CORS), so it listens first.
    const storefront = await startStorefrontServer(o.ports.storefront);
    stops.push(() => storefront.close());

    const database = await startDatabase({
      databaseUrl: o.databaseUrl,
      dataDir: o.dataDir,
      port: o.ports.postgres || (await freePort()),
      password: secrets.postgresPassword,
      log: o.log,
      logLine: (line) => {
        postgresLog.write(`${line}\n`);
        if (o.verbose) console.log(`[postgres] ${line}`);
      },
    });
    stops.push(() => database.stop());
    phase('database');

    const medusaPort = o.ports.medusa || (await freePort());
    const expressPort = o.ports.express || (await freePort());
    const medusaUrl = `http://127.0.0.1:${medusaPort}`;
    const expressUrl = `http://127.0.0.1:${expressPort}`;

    // Final statuses reach Medusa as webhooks (Budgetree sends none: polled); Bamboo's second, Svix-signed
    // stream goes to the Express router. Each engine re-fetches the order before acting.
    const webhookSecrets = webhookSecretsOf(secrets);
    const sandboxes = await startDemoSandboxes({
      ports: {
        bamboo: o.ports.bamboo,
        starship: o.ports.starship,
        budgetree: o.ports.budgetree,
        gifthub: o.ports.gifthub,
      },
      timing: o.vendorTiming,
      medusaWebhookUrl: (vendor) => medusaWebhookUrl(medusaUrl, vendor),
      expressWebhookUrl: (vendor) => `${expressUrl}/giftwire/webhooks/${vendor}`,
      secrets: webhookSecrets,
    });
    stops.push(() => closeSandboxes(sandboxes));
    const sandboxUrls: Record<DemoVendor, string> = {
      bamboo: sandboxes.bamboo.url,
      starship: sandboxes.starship.url,
      budgetree: sandboxes.budgetree.url,
      gifthub: sandboxes.gifthub.url,
    };

    const expressSide = await startExpressSide({
      port: expressPort,
      dataDir: o.dataDir,
      vendors: demoVendorSettings(sandboxUrls, webhookSecrets),
      apiKey: secrets.expressApiKey,
      encryptionKey: secrets.encryptionKey,
    });
    stops.push(() => expressSide.close());
    phase('sandbox+express');

    const medusaRun = {
      env: medusaEnv({
        DATABASE_URL: database.url,
        GIFTWIRE_ENCRYPTION_KEY: secrets.encryptionKey,
        GIFTWIRE_ENCRYPTION_KEY_ID: 'demo-k1',
        GIFTWIRE_DEMO_JWT_SECRET: secrets.jwtSecret,
        GIFTWIRE_DEMO_COOKIE_SECRET: secrets.cookieSecret,
        // The storefront calls the store API from its own origin; the admin is served by Medusa itself.
        GIFTWIRE_DEMO_CORS: [corsOrigins(storefront.url), corsOrigins(medusaUrl)].join(','),
        GIFTWIRE_DEMO_STOREFRONT_URL: storefront.url,
        ...vendorEnv(sandboxUrls, webhookSecrets),
      }),
      logFile: medusaLog,
      verbose: o.verbose,
      ...(o.signal ? { signal: o.signal } : {}),
    };
    o.log('Migrating the Medusa database…');
    await runMedusa(['db:migrate'], medusaRun);
    phase('migrate');
    let publishableKey = await findPublishableKey(database.url);
    if (!publishableKey) {
      o.log('Seeding gift cards, region, shipping and the demo customer (first run)…');
      await runMedusa(['exec', './src/scripts/seed.ts'], medusaRun);
      publishableKey = await findPublishableKey(database.url);
      if (!publishableKey) {
        throw new Error(
          `the seed finished but no publishable key was found; see ${medusaLog}. A half-seeded database can ` +
            'be reset by deleting the data dir (embedded) or dropping the database.',
        );
      }
    }
    phase('seed');
    o.log('Starting Medusa…');
    const medusa = await startMedusa(medusaPort, medusaRun);
    stops.push(() => medusa.stop());
    phase('medusa');

    storefront.setConfig({
      medusaUrl,
      publishableKey,
      expressApiUrl: expressSide.apiUrl,
      demoCustomer: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
      vendors: VENDOR_LABELS,
    });
    timings.total = (Date.now() - started) / 1000;

    let stopping: Promise<void> | undefined;
    return {
      urls: {
        storefront: storefront.url,
        medusa: medusaUrl,
        express: expressSide.url,
        expressApi: expressSide.apiUrl,
        sandboxes: sandboxUrls,
        admin: `${medusaUrl}/app`,
      },
      dataDir: o.dataDir,
      databaseUrl: database.url,
      publishableKey,
      expressApiKey: secrets.expressApiKey,
      demoCustomer: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
      demoAdmin: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      sandboxes,
      timings,
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Both spellings of the storefront's origin, so opening it as localhost works too. */
function corsOrigins(storefrontUrl: string): string {
  return [storefrontUrl, storefrontUrl.replace('127.0.0.1', 'localhost')].join(',');
}

/**
 * Medusa's environment: ours plus the demo's settings, with telemetry off (it would call out) and
 * NODE_ENV pinned, so a test runner's `NODE_ENV=test` does not change how Medusa behaves.
 */
function medusaEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'DATABASE_URL') env[key] = value;
  }
  return { ...env, NODE_ENV: 'development', MEDUSA_DISABLE_TELEMETRY: 'true', ...extra };
}
