import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  type MedusaRun,
  type MedusaServer,
  runMedusa,
  startMedusa,
} from '../../../packages/medusa/test/support/medusa-process';
import { freePort } from '../../../scripts/test-services.mjs';
import type { VendorUnderProof } from '../world/start-proof-world';
import { medusaProviderOptions, skuOf } from './medusa-provider-options';

const APP_DIR = fileURLToPath(new URL('../../medusa-app', import.meta.url));
const DATABASE = 'proof_medusa';
const ADMIN = { email: 'staff@proof.example', password: randomBytes(12).toString('hex') };

/** What the seed made: the ids a storefront needs to sell, and the variant of each vendor's card. */
export interface MedusaStore {
  readonly regionId: string;
  readonly salesChannelId: string;
  readonly publishableKey: string;
  readonly shippingOptionId: string;
  /** Vendor → the variant id of its card. */
  readonly variants: Readonly<Record<string, string>>;
}

/** The Medusa shop as the runner holds it: one `medusa start` process, killed and restarted on its port. */
export interface MedusaShop {
  readonly url: string;
  readonly store: MedusaStore;
  /** The path the sandboxes' webhooks go to: `{url}/hooks/giftwire/digital` + `/<vendor>`. */
  readonly webhookBase: string;
  /** The Medusa database (Medusa's tables, the vault, and the plugin engine's schema). */
  readonly databaseUrl: string;
  /**
   * The app's JWT secret and the plugin's link secret, which the suite chose: to make tokens that are the
   * owner's in every respect but one (expired, signed with another key). Never logged.
   */
  readonly secrets: { readonly jwt: string; readonly link: string };
  /** A bearer token of the shop's staff user. */
  adminToken(): Promise<string>;
  /** Everything Medusa wrote (migrations, seed, every start), for the leak audit. */
  output(): string;
  /** How many times `medusa start` was started. */
  readonly starts: number;
  /** Whether the current process is still running. */
  alive(): boolean;
  /** SIGKILL of the process group, from outside (Medusa cannot be armed like the Express shop). */
  kill(): Promise<void>;
  /** A new `medusa start` on the same port and database (after a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Medusa app with the giftwire plugin (proof/medusa-app): a database of its own on the proof world's
 * PostgreSQL, `medusa db:migrate`, the seed (a product per vendor, a staff user), then `medusa start` — once per
 * run, since a boot takes tens of seconds on two busy cores.
 *
 * @example
 * const medusa = await startMedusaShop({ postgresUrl: world.postgres.url, vendors: world.vendors, log });
 * await fetch(`${medusa.url}/health`);
 * await medusa.stop();
 */
export async function startMedusaShop(input: {
  postgresUrl: string;
  vendors: readonly VendorUnderProof[];
  log: (line: string) => void;
}): Promise<MedusaShop> {
  const started = Date.now();
  const databaseUrl = await createDatabase(input.postgresUrl, DATABASE);
  const workDir = mkdtempSync(join(tmpdir(), 'giftwire-proof-medusa-'));
  const logFile = join(workDir, 'medusa.log');
  const seedOut = join(workDir, 'seed.json');
  const appSecret = randomBytes(16).toString('hex');
  const secrets = { jwt: `${appSecret}-jwt-secret`, link: randomBytes(32).toString('hex') };
  const run: MedusaRun = {
    cwd: APP_DIR,
    logFile,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      MEDUSA_DISABLE_TELEMETRY: 'true',
      DATABASE_URL: databaseUrl,
      // medusa-config makes the JWT secret `<this>-jwt-secret` (test-medusa-config.ts).
      PROOF_MEDUSA_SECRET: appSecret,
      PROOF_MEDUSA_PROVIDER: JSON.stringify(
        medusaProviderOptions(input.vendors, {
          encryptionKey: randomBytes(32).toString('base64'),
          linkSecret: secrets.link,
        }),
      ),
      PROOF_MEDUSA_SKUS: JSON.stringify(input.vendors.map((v) => skuOf(v.vendor))),
      PROOF_MEDUSA_ADMIN_EMAIL: ADMIN.email,
      PROOF_MEDUSA_ADMIN_PASSWORD: ADMIN.password,
      PROOF_MEDUSA_SEED_OUT: seedOut,
    },
  };
  await runMedusa(['db:migrate'], run);
  await runMedusa(['exec', './seed.ts'], run);
  const seeded = JSON.parse(readFileSync(seedOut, 'utf8')) as Omit<MedusaStore, 'variants'> & {
    variants: Record<string, string>;
  };
  const store: MedusaStore = {
    ...seeded,
    variants: Object.fromEntries(input.vendors.map((v) => [v.vendor, seeded.variants[skuOf(v.vendor)]!])),
  };
  const port = await freePort();
  let server: MedusaServer = await startMedusa(port, run);
  let running = true;
  let starts = 1;
  const watch = (s: MedusaServer) =>
    void s.exited().then(() => {
      if (server === s) running = false;
    });
  watch(server);
  input.log(`Medusa: migrated, seeded and started on port ${port} (${Date.now() - started} ms)`);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    store,
    webhookBase: `${url}/hooks/giftwire/digital`,
    databaseUrl,
    secrets,
    async adminToken() {
      const answer = await fetch(`${url}/auth/user/emailpass`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      const { token } = (await answer.json()) as { token?: string };
      if (!token) throw new Error(`the staff login answered ${answer.status}`);
      return token;
    },
    output: () => readFileSync(logFile, 'utf8'),
    get starts() {
      return starts;
    },
    alive: () => running,
    kill: () => server.kill(),
    async restart() {
      server = await startMedusa(port, run);
      running = true;
      starts += 1;
      watch(server);
    },
    stop: () => server.stop(),
  };
}

/** A fresh database on the world's server for Medusa (the Express shop's tables stay in their own). */
async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
