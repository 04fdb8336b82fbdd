import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import pg from 'pg';
import { RESTART_DB } from '../../test/support/global-setup';
import { type MedusaRun, type MedusaServer, runMedusa, startMedusa } from '../../test/support/medusa-process';
import { ADDRESS } from '../../test/support/store-api';

// Two real `medusa start` processes, one after the other, on one database: what a store's restart is. The
// first takes the orders; the second starts with an empty process (no provider built yet, nothing in memory).

const HOUR = 60 * 60 * 1000;
const DATABASE_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${RESTART_DB}`;
// Medusa's own output (a few thousand lines per boot) goes to a file, read back when a boot fails.
const WORK_DIR = mkdtempSync(join(tmpdir(), 'giftwire-restart-test-'));
const LOG_FILE = join(WORK_DIR, 'medusa.log');
const SEED_OUT = join(WORK_DIR, 'seed.json');

// The sandbox's clock runs `skew` ahead of real time: a two-card order is held for an hour (in flight across
// the restart) until the test moves the clock past it. No test waits on the wall clock for it.
let skew = 0;
const sandbox: BambooSandbox = await startBambooSandbox({
  clock: { now: () => Date.now() + skew },
  scenario: {
    processingAfterMs: 20,
    settleAfterMs: (order) => (order.products[0]?.quantity === 2 ? HOUR : 60),
  },
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const run: MedusaRun = {
  cwd: __dirname,
  logFile: LOG_FILE,
  env: {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
    NODE_ENV: 'development',
    MEDUSA_DISABLE_TELEMETRY: 'true',
    DATABASE_URL,
    GIFTWIRE_RESTART_BAMBOO_URL: sandbox.url,
    GIFTWIRE_RESTART_KEY: randomBytes(32).toString('base64'),
    GIFTWIRE_RESTART_SEED_OUT: SEED_OUT,
  },
};

interface Seeded {
  regionId: string;
  salesChannelId: string;
  publishableKey: string;
  shippingOptionId: string;
  variantId: string;
}

let server: MedusaServer | undefined;
let seeded: Seeded;

beforeAll(async () => {
  await runMedusa(['db:migrate'], run);
  await runMedusa(['exec', './seed.ts'], run);
  seeded = JSON.parse(readFileSync(SEED_OUT, 'utf8')) as Seeded;
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await sandbox.close();
}, 60_000);

/** A store API call as a storefront makes it; answers status and body, never throws on a 4xx/5xx. */
async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const response = await fetch(`${server!.url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      'content-type': 'application/json',
      'x-publishable-api-key': seeded.publishableKey,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the store API's bodies, read field by field by the test
  const body: Record<string, any> = text ? JSON.parse(text) : {};
  return { status: response.status, body };
}

async function signUp(email: string): Promise<string> {
  const password = 'secret-password';
  const reg = await call('/auth/customer/emailpass/register', { body: { email, password } });
  await call('/store/customers', {
    body: { email, first_name: 'Gift', last_name: 'Buyer' },
    token: reg.body.token,
  });
  return (await call('/auth/customer/emailpass', { body: { email, password } })).body.token;
}

async function checkout(token: string, quantity: number): Promise<string> {
  const { body: created } = await call('/store/carts', {
    token,
    body: {
      region_id: seeded.regionId,
      sales_channel_id: seeded.salesChannelId,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [{ variant_id: seeded.variantId, quantity }],
    },
  });
  const cartId = created.cart.id as string;
  await call(`/store/carts/${cartId}/shipping-methods`, {
    token,
    body: { option_id: seeded.shippingOptionId },
  });
  const { body: collection } = await call('/store/payment-collections', { token, body: { cart_id: cartId } });
  await call(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, {
    token,
    body: { provider_id: 'pp_system_default' },
  });
  const { body: completed } = await call(`/store/carts/${cartId}/complete`, { token, body: {} });
  expect(completed.type).toBe('order');
  return completed.order.id as string;
}

const codesOf = (orderId: string, token?: string) =>
  call(`/store/giftwire/orders/${orderId}/codes`, token ? { token } : {});

/** The vault row of an order, read from the database: no request to the store, which could wake it up. */
async function vaultStatus(orderId: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT status FROM giftwire_delivery WHERE order_id = $1', [
      orderId,
    ]);
    return rows[0]?.status as string | undefined;
  } finally {
    await client.end();
  }
}

it('after a restart: the owner reads the same codes, and an order in flight is delivered by itself', async () => {
  server = await startMedusa(await freePort(), run);
  const owner = await signUp('restart-owner@example.com');

  // Before the restart: one order delivered, one placed with the vendor and held there.
  const delivered = await checkout(owner, 1);
  let before: unknown;
  await vi.waitFor(
    async () => {
      const { status, body } = await codesOf(delivered, owner);
      expect(status).toBe(200);
      expect(body.status).toBe('delivered');
      before = body.deliveries;
    },
    { timeout: 60_000, interval: 250 },
  );
  const inFlight = await checkout(owner, 2);
  let reference = '';
  await vi.waitFor(
    async () => {
      const { body } = await codesOf(inFlight, owner);
      expect(body.deliveries?.[0]?.state).toBe('placed');
      reference = body.deliveries[0].reference;
    },
    { timeout: 60_000, interval: 250 },
  );
  expect(sandbox.orders.get(reference)?.status).not.toBe('Succeeded');

  // Restart. While it is down the vendor settles the held order.
  await server.stop();
  skew += 2 * HOUR;
  server = await startMedusa(await freePort(), run);

  // Nobody calls the store: the new process finds the in-flight order and delivers it on its own.
  await vi.waitFor(async () => expect(await vaultStatus(inFlight)).toBe('delivered'), {
    timeout: 150_000,
    interval: 500,
  });

  // The owner reads the same codes as before, and the new ones.
  const again = await codesOf(delivered, owner);
  expect(again.status).toBe(200);
  expect(again.body.deliveries).toEqual(before);
  const fresh = await codesOf(inFlight, owner);
  expect(fresh.status).toBe(200);
  expect(fresh.body.status).toBe('delivered');
  expect(fresh.body.deliveries[0].cards.map((card: { code: string }) => card.code).sort()).toEqual(
    [...sandbox.issuedSecrets(reference).codes].sort(),
  );

  // Someone else cannot tell a real order from a made-up one.
  const stranger = await signUp('restart-stranger@example.com');
  const real = await codesOf(delivered, stranger);
  const madeUp = await codesOf('order_01XXXXXXXXXXXXXXXXXXXXXXXX', stranger);
  expect(real.status).toBe(404);
  expect(madeUp.status).toBe(404);
  expect(real.body.type).toBe(madeUp.body.type);
}, 600_000);
