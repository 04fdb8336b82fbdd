import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEncryptionKey } from '@giftwire/engine';
import { waitFor } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VENDORS, type DemoVendor, productsOf } from '../src/catalog/demo-products';
import { type ExpressSide, startExpressSide } from '../src/demo/express-side';
import { closeSandboxes, type DemoSandboxes, startDemoSandboxes } from '../src/demo/start-demo-sandboxes';
import { type DemoWebhookSecrets, demoVendorSettings } from '../src/demo/vendor-settings';

// The demo's Express side alone (no Medusa, no browser): the banner's curl steps against the demo's own four
// sandboxes and catalogs, over real HTTP. No webhooks: every vendor is followed by polling here.
const API_KEY = 'demo_test_key';
const SECRETS: DemoWebhookSecrets = {
  bambooNotification: 'unused-notification-secret',
  bambooSvix: 'whsec_ZGVtby1leHByZXNzLXNpZGUtdGVzdA==',
  starship: 'unused-starship-secret',
  gifthub: 'unused-gifthub-secret',
};
let dataDir: string;
let sandboxes: DemoSandboxes;
let side: ExpressSide;

/** The first card the shop sells for a vendor, at its first amount: what the storefront would put in a cart. */
function linesFor(vendor: DemoVendor) {
  const product = productsOf(vendor)[0]!;
  return [
    {
      productId: product.vendorProductId,
      quantity: 1,
      faceValue: { amount: product.amounts[0]!, currency: 'USD' },
    },
  ];
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'giftwire-express-side-'));
  sandboxes = await startDemoSandboxes({
    ports: { bamboo: 0, starship: 0, budgetree: 0, gifthub: 0 },
    timing: { processingAfterMs: 20, settleAfterMs: 60 },
    secrets: SECRETS,
  });
  const urls = Object.fromEntries(DEMO_VENDORS.map((vendor) => [vendor, sandboxes[vendor].url])) as Record<
    DemoVendor,
    string
  >;
  side = await startExpressSide({
    port: 0,
    dataDir,
    vendors: demoVendorSettings(urls, SECRETS),
    apiKey: API_KEY,
    encryptionKey: generateEncryptionKey(),
  });
});

afterAll(async () => {
  await side?.close();
  if (sandboxes) await closeSandboxes(sandboxes);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(path: string, init: { method?: string; body?: unknown; customer?: string } = {}) {
  const res = await fetch(`${side.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-api-key': API_KEY,
      'x-customer': init.customer ?? 'demo-customer',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('demo Express side', () => {
  it('places nothing that was not paid at the demo checkout', async () => {
    const res = await call('/giftwire/orders', {
      method: 'POST',
      body: {
        vendor: 'bamboo',
        reference: crypto.randomUUID(),
        shopOrderId: 'demo_unpaid',
        lines: linesFor('bamboo'),
      },
    });
    expect(res.status).toBe(403);
    expect(sandboxes.bamboo.orders.list()).toHaveLength(0);
  });

  it('refuses a paid order placed with more cards than were paid for', async () => {
    const paid = await call('/shop/checkout', { method: 'POST', body: { lines: linesFor('bamboo') } });
    expect(paid.status).toBe(201);
    const tooMany = await call('/giftwire/orders', {
      method: 'POST',
      body: { vendor: 'bamboo', ...paid.body, lines: [{ ...linesFor('bamboo')[0], quantity: 60 }] },
    });
    expect(tooMany.status).toBe(403);
    expect(sandboxes.bamboo.orders.list()).toHaveLength(0);
  });

  // One paid order per vendor through the one router: the fulfiller serves every vendor it was given.
  it.each(DEMO_VENDORS)(
    'takes a paid %s order and reveals the codes that vendor issued',
    async (vendor) => {
      const paid = await call('/shop/checkout', { method: 'POST', body: { lines: linesFor(vendor) } });
      expect(paid.status).toBe(201);
      const reference = paid.body.reference as string;
      const placed = await call('/giftwire/orders', { method: 'POST', body: { vendor, ...paid.body } });
      expect(placed.status).toBe(201);
      expect(placed.body.reference).toBe(reference);

      // Plain reads until it settles: reveals are rate-limited. Starship's quickest schedule looks after 5 s.
      await waitFor(async () => (await call(`/giftwire/orders/${reference}`)).body.state === 'settled', {
        timeoutMs: 60_000,
        intervalMs: 200,
        message: `${vendor} order ${reference} to settle`,
      });
      const order = await call(`/giftwire/orders/${reference}?reveal=codes`);
      expect(order.status).toBe(200);
      const issued = sandboxes[vendor].issuedSecrets(reference);
      expect(issued.codes).toHaveLength(1);
      const shown = JSON.stringify(order.body);
      for (const secret of [...issued.codes, ...issued.pins, ...issued.urls]) expect(shown).toContain(secret);
      // Exactly one vendor order, at that vendor only.
      expect(sandboxes[vendor].orders.list()).toHaveLength(1);
    },
    90_000,
  );
});
