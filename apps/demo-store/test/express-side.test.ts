import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { generateEncryptionKey } from '@giftwire/engine';
import { waitFor } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExpressSide, startExpressSide } from '../src/demo/express-side';

// The demo's Express side alone (no Medusa, no browser): the banner's curl steps, over real HTTP.
const API_KEY = 'demo_test_key';
const LINES = [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }];
let dataDir: string;
let sandbox: BambooSandbox;
let side: ExpressSide;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'giftwire-express-side-'));
  sandbox = await startBambooSandbox({ scenario: { processingAfterMs: 20, settleAfterMs: 60 } });
  side = await startExpressSide({
    port: 0,
    dataDir,
    bambooUrl: sandbox.url,
    bambooWebhookSecret: 'whsec_ZGVtby1leHByZXNzLXNpZGUtdGVzdA==',
    apiKey: API_KEY,
    encryptionKey: generateEncryptionKey(),
  });
});

afterAll(async () => {
  await side?.close();
  await sandbox?.close();
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
      body: { vendor: 'bamboo', reference: crypto.randomUUID(), shopOrderId: 'demo_unpaid', lines: LINES },
    });
    expect(res.status).toBe(403);
    expect(sandbox.orders.list()).toHaveLength(0);
  });

  it('checkout, then place the paid order under its reference, then reveal its code', async () => {
    const paid = await call('/shop/checkout', { method: 'POST', body: { lines: LINES } });
    expect(paid.status).toBe(201);
    const reference = paid.body.reference as string;
    const tooMany = await call('/giftwire/orders', {
      method: 'POST',
      body: { vendor: 'bamboo', ...paid.body, lines: [{ ...LINES[0], quantity: 60 }] },
    });
    expect(tooMany.status).toBe(403);
    const placed = await call('/giftwire/orders', {
      method: 'POST',
      body: { vendor: 'bamboo', ...paid.body },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.reference).toBe(reference);

    // Plain reads until it settles: reveals are rate-limited.
    await waitFor(async () => (await call(`/giftwire/orders/${reference}`)).body.state === 'settled', {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: `order ${reference} to settle`,
    });
    const order = await call(`/giftwire/orders/${reference}?reveal=codes`);
    expect(order.status).toBe(200);
    expect(JSON.stringify(order.body)).toContain(sandbox.issuedSecrets().codes[0]);
    expect(sandbox.orders.list()).toHaveLength(1);
  });
});
