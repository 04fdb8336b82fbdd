import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from './resolve-sandbox-options';
import { sandboxProductIds } from './sandbox-catalog';
import { type StarshipSandbox, startStarshipSandbox } from './start-starship-sandbox';

let sandbox: StarshipSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A clock the test moves by hand. */
function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function call(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  const { apiKey, apiSecret } = sandbox!.clientSettings();
  const res = await request(`${sandbox!.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-api-key': apiKey,
      'x-api-secret': apiSecret,
      'content-type': 'application/json',
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const create = (body: Record<string, unknown>, key = `key-${randomUUID()}`) =>
  call('/api/v1/orders', { method: 'POST', body, headers: { 'idempotency-key': key } });

async function withClock(outcome: Outcome = 'DELIVERED') {
  const clock = fakeClock();
  sandbox = await startStarshipSandbox({
    clock,
    scenario: {
      processingAfterMs: 1_000,
      settleAfterMs: 5_000,
      convergeAfterMs: 10_000,
      outcome: () => outcome,
    },
  });
  return clock;
}

describe('the lifecycle, on a fake clock', () => {
  it('PENDING → PROCESSING → DELIVERED; wallet debited in PENDING; vouchers empty until delivered', async () => {
    const clock = await withClock('DELIVERED');
    const created = await create({
      product_id: sandboxProductIds.delayedCode,
      denomination: '25.00',
      quantity: 2,
      ref: 'R1',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: 'R1',
      status: 'PENDING',
      amount: '50.00',
      denomination: '25.00',
      discount: '0.00',
      vouchers: [],
    });
    expect(sandbox!.balance()).toBe('99950');
    const id = (created.body as { id: number }).id;
    clock.advance(1_000);
    expect((await call(`/api/v1/orders/${id}`)).body).toMatchObject({
      status: 'PROCESSING',
      vouchers: [],
      reference_code: 'R1',
    });
    clock.advance(4_000);
    const delivered = (await call(`/api/v1/orders/${id}`)).body as {
      status: string;
      vouchers: { card_number: string; pin_code: string }[];
    };
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.vouchers).toHaveLength(2);
    expect(delivered.vouchers.map((v) => v.card_number)).toEqual(sandbox!.issuedSecrets('r1').codes);
    expect(sandbox!.orders()).toEqual([
      {
        id: String(id),
        reference: 'R1',
        status: 'DELIVERED',
        final: true,
        cardsRequested: 2,
        cardsIssued: 2,
        charged: { amount: '50.00', currency: 'USD' },
      },
    ]);
  });

  it.each([
    ['FAILED', 'FAILED', '100000'],
    ['CANCELLED', 'CANCELLED', '100000'],
    ['PARTIALLY_DELIVERED', 'PARTIALLY_DELIVERED', '99980'],
  ] as const)('%s: refunds what was not delivered', async (outcome, status, balance) => {
    const clock = await withClock(outcome);
    const created = await create({
      product_id: sandboxProductIds.delayedCode,
      denomination: '10.00',
      quantity: 4,
    });
    expect(sandbox!.balance()).toBe('99960');
    clock.advance(5_000);
    const order = (await call(`/api/v1/orders/${(created.body as { id: number }).id}`)).body as {
      status: string;
    };
    expect(order.status).toBe(status);
    expect(sandbox!.balance()).toBe(balance);
    expect(sandbox!.orders()[0]!.final).toBe(true);
  });

  it('PARTIALLY_DELIVERED can still become DELIVERED or CANCELLED later', async () => {
    const clock = await withClock('PARTIALLY_DELIVERED_THEN_CANCELLED');
    await create({ product_id: sandboxProductIds.delayedCode, denomination: '10.00', quantity: 2 });
    clock.advance(5_000);
    expect(sandbox!.orders()[0]).toMatchObject({
      status: 'PARTIALLY_DELIVERED',
      final: false,
      cardsIssued: 1,
    });
    expect(sandbox!.balance()).toBe('99980');
    clock.advance(10_000);
    expect(sandbox!.orders()[0]).toMatchObject({ status: 'CANCELLED', final: true, cardsIssued: 0 });
    expect(sandbox!.balance()).toBe('100000');
  });

  it('instant products are answered DELIVERED at create, vouchers and PINs included', async () => {
    await withClock('DELIVERED');
    const created = await create({
      product_id: sandboxProductIds.instantPin,
      denomination: '10.00',
      quantity: 1,
    });
    expect(created.body).toMatchObject({
      status: 'DELIVERED',
      vouchers: [{ card_number: expect.any(String), pin_code: expect.any(String) }],
    });
  });

  it('keeps an idempotency key for 24 hours, then forgets it', async () => {
    const clock = await withClock('STUCK');
    const body = { product_id: sandboxProductIds.delayedCode, denomination: '10.00', quantity: 1 };
    const first = await create(body, 'same-key-123');
    clock.advance(23 * 3_600_000);
    expect((await create(body, 'same-key-123')).body).toMatchObject({
      id: (first.body as { id: number }).id,
    });
    clock.advance(2 * 3_600_000);
    expect((await create(body, 'same-key-123')).status).toBe(201);
    expect(sandbox!.orders()).toHaveLength(2);
  });
});

describe('lists', () => {
  it('orders newest first, paged with the X-* headers, filtered by status and product', async () => {
    await withClock('DELIVERED');
    for (let i = 0; i < 3; i++)
      await create({
        product_id: sandboxProductIds.delayedCode,
        denomination: '10.00',
        quantity: 1,
        ref: `R${i}`,
      });
    await create({
      product_id: sandboxProductIds.instantPin,
      denomination: '10.00',
      quantity: 1,
      ref: 'INSTANT',
    });
    const page1 = await call('/api/v1/orders?page=1&limit=2');
    expect((page1.body as { reference_code: string }[]).map((o) => o.reference_code)).toEqual([
      'INSTANT',
      'R2',
    ]);
    expect(page1.headers).toMatchObject({
      'x-page': '1',
      'x-per-page': '2',
      'x-total-count': '4',
      'x-total-pages': '2',
      'x-has-more': 'true',
    });
    const byStatus = await call('/api/v1/orders?status=delivered');
    expect((byStatus.body as unknown[]).length).toBe(1);
    const byProduct = await call(`/api/v1/orders?product_id=${sandboxProductIds.delayedCode}`);
    expect((byProduct.body as unknown[]).length).toBe(3);
    expect((await call('/api/v1/orders?limit=101')).status).toBe(422);
  });

  it('products with delivery type and time, paged with headers', async () => {
    sandbox = await startStarshipSandbox();
    const page = await call('/api/v1/products?page=2&per_page=3');
    expect(page.headers).toMatchObject({
      'x-page': '2',
      'x-total-count': '4',
      'x-total-pages': '2',
      'x-has-more': 'false',
    });
    expect(page.body).toEqual([
      expect.objectContaining({
        id: sandboxProductIds.unavailable,
        delivery_type: 'code',
        delivery_time: 'DELAYED',
      }),
    ]);
  });
});

describe('auth and signatures', () => {
  it('an unknown route answers the page 404 body', async () => {
    sandbox = await startStarshipSandbox();
    expect(await call('/api/v1/nothing')).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: 'No Matching Result Found!' },
    });
  });

  it('with signatures required: a fresh valid one passes, a stale or wrong one is 401', async () => {
    const clock = fakeClock(1_700_000_000_000);
    sandbox = await startStarshipSandbox({ clock, requireSignature: true, apiSecret: 'your-secret-here' });
    const sign = (ts: number, secret = 'your-secret-here') =>
      `t=${ts},v1=${createHmac('sha256', secret).update(`${ts}GET/api/v1/products`).digest('hex')}`;
    const at = (ts: number, signature: string) =>
      call('/api/v1/products', { headers: { 'x-timestamp': String(ts), 'x-signature': signature } });
    expect((await at(1_700_000_000, sign(1_700_000_000))).status).toBe(200);
    expect((await at(1_700_000_000 - 299, sign(1_700_000_000 - 299))).status).toBe(200);
    expect((await at(1_700_000_000 - 301, sign(1_700_000_000 - 301))).status).toBe(401);
    expect((await at(1_700_000_000, sign(1_700_000_000, 'other'))).status).toBe(401);
    expect((await call('/api/v1/products')).status).toBe(401);
  });
});

describe('faults of the kit', () => {
  it('a dropped response after a create still takes the order', async () => {
    sandbox = await startStarshipSandbox();
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    await expect(
      create({ product_id: sandboxProductIds.delayedCode, denomination: '10.00', quantity: 1 }),
    ).rejects.toThrow();
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.calls('placeOrder')).toBe(1);
  });

  it('an injected 503 carries Retry-After and the page-style body', async () => {
    sandbox = await startStarshipSandbox();
    sandbox.faults.next({ kind: 'status', status: 503 }, { operation: 'listProducts' });
    const res = await call('/api/v1/products');
    expect(res).toMatchObject({
      status: 503,
      headers: { 'retry-after': '1' },
      body: { error: 'internal_error' },
    });
  });
});
