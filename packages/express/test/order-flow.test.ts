import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  CLIENT_SECRET,
  captureLogs,
  type Fulfiller,
  http,
  NOTIFICATION_SECRET,
  orderBody,
  pollUntil,
  postJson,
} from './support/world';

const logs = captureLogs();
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let base: string;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    fulfiller: { logger: logs.logger },
    router: {
      basePath: '/gw',
      // A step-up check the app would do (a recent password entry, say), and only for finished orders.
      authorize: (req, order) => req.get('x-step-up') === 'ok' && order.state === 'settled',
      logger: logs.logger,
    },
  });
  ({ sandbox, fulfiller, base } = testApp);
});

afterAll(() => testApp.close());

const getOrder = (reference: string, customer = 'alice', query = '') =>
  http<RenderedOrder>(`${base}/orders/${reference}${query}`, { headers: as(customer) });

function sandboxCards(reference: string) {
  return sandbox.orders.get(reference)!.items.flatMap((item) => item.cards);
}

describe('the order flow over HTTP against the Bamboo sandbox', () => {
  const body = orderBody();

  it('creates an order (201), and a repeat answers 200 with the same order', async () => {
    const first = await postJson<RenderedOrder>(`${base}/orders`, body, as('alice'));
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/gw/orders/${body.reference}`);
    expect(first.body).toMatchObject({
      reference: body.reference,
      vendor: 'bamboo',
      shopOrderId: 'shop-1',
      codes: 'hidden',
      lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
    });
    const again = await postJson<RenderedOrder>(`${base}/orders`, body, as('alice'));
    expect(again.status).toBe(200);
    expect(again.body.reference).toBe(body.reference);
    expect(again.body.createdAt).toBe(first.body.createdAt);
    expect((await fulfiller.list({ customer: 'alice' })).orders).toHaveLength(1);
  });

  it('shows the settled order without any code unless revealed', async () => {
    const settled = await pollUntil(
      () => getOrder(body.reference),
      (res) => res.body.state === 'settled',
    );
    expect(settled.status).toBe(200);
    expect(settled.body.status).toBe('fulfilled');
    expect(settled.body.codes).toBe('hidden');
    expect(settled.body.charged).toBeDefined();
    expect(settled.body.settlement).toMatchObject({ issued: 2, failed: 0 });
    const vouchers = settled.body.lines[0]!.vouchers;
    expect(vouchers).toHaveLength(2);
    for (const voucher of vouchers) {
      expect(voucher.status).toBe('issued');
      expect(voucher).not.toHaveProperty('code');
      expect(voucher).not.toHaveProperty('pin');
    }
    for (const card of sandboxCards(body.reference)) {
      expect(settled.text).not.toContain(card.cardCode);
      if (card.pin) expect(settled.text).not.toContain(card.pin);
    }
    // A second read comes from the settled-order cache: the same body, still without codes.
    const cached = await getOrder(body.reference);
    expect(cached.text).toBe(settled.text);
  });

  it('reveals the codes the sandbox issued to an authorized caller, uncached, with an audit line', async () => {
    const revealed = await http<RenderedOrder>(`${base}/orders/${body.reference}?reveal=codes`, {
      headers: { ...as('alice'), 'x-step-up': 'ok' },
    });
    expect(revealed.status).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.body.codes).toBe('revealed');
    const cards = sandboxCards(body.reference);
    expect(revealed.body.lines[0]!.vouchers.map((v) => v.code)).toEqual(cards.map((c) => c.cardCode));
    expect(revealed.body.lines[0]!.vouchers.map((v) => v.pin ?? null)).toEqual(cards.map((c) => c.pin));

    const audit = logs
      .text()
      .split('\n')
      .filter((line) => line.includes('codes_revealed'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit).toEqual([
      expect.objectContaining({
        event: 'codes_revealed',
        reference: body.reference,
        customerId: 'alice',
        vouchers: 2,
      }),
    ]);
    // The reveal did not poison the cache: a plain read is still without codes.
    const plain = await getOrder(body.reference);
    expect(plain.body.codes).toBe('hidden');
    expect(plain.text).not.toContain(cards[0]!.cardCode);
  });

  it('takes the reference from the Idempotency-Key header', async () => {
    const key = randomUUID();
    const { reference: _omit, ...withoutReference } = orderBody();
    const first = await postJson<RenderedOrder>(`${base}/orders`, withoutReference, {
      ...as('alice'),
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(first.body.reference).toBe(key);
    const again = await postJson<RenderedOrder>(
      `${base}/orders`,
      { ...withoutReference, reference: key },
      { ...as('alice'), 'idempotency-key': key },
    );
    expect(again.status).toBe(200);
    expect(again.body.reference).toBe(key);
    await pollUntil(
      () => getOrder(key),
      (res) => res.body.state === 'settled',
    );
  });

  it("pages through the caller's orders, newest first, without codes", async () => {
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await postJson<RenderedOrder>(
        `${base}/orders`,
        orderBody({
          lines: [{ productId: '500200', quantity: 1, faceValue: { amount: '25', currency: 'USD' } }],
        }),
        as('lister'),
      );
      expect(created.status).toBe(201);
      references.push(created.body.reference);
    }
    for (const reference of references) {
      await pollUntil(
        () => getOrder(reference, 'lister'),
        (res) => res.body.state === 'settled',
      );
    }
    type Page = { orders: RenderedOrder[]; nextCursor: string | null };
    const first = await http<Page>(`${base}/orders?limit=2`, { headers: as('lister') });
    expect(first.status).toBe(200);
    expect(first.body.orders).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http<Page>(
      `${base}/orders?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      { headers: as('lister') },
    );
    expect(second.body.orders).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const listed = [...first.body.orders, ...second.body.orders].map((o) => o.reference);
    expect(listed.sort()).toEqual([...references].sort());
    for (const page of [first, second]) {
      for (const reference of references) {
        for (const card of sandboxCards(reference)) expect(page.text).not.toContain(card.cardCode);
      }
      expect(page.body.orders.every((o) => o.codes === 'hidden')).toBe(true);
    }
    const someoneElse = await http<Page>(`${base}/orders`, { headers: as('mallory') });
    expect(someoneElse.body.orders).toEqual([]);
  });

  it('never logged a code, a PIN or a credential', () => {
    const text = logs.text();
    expect(text).toContain('order accepted');
    expect(text).toContain('codes_revealed');
    const { codes, pins } = sandbox.issuedSecrets();
    // PINs are 3–4 digits: too short to look for in free text without false alarms.
    const secrets = [...codes, ...pins].filter((s) => s.length >= 6);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(NOTIFICATION_SECRET);
  });
});

describe('references are case-insensitive over HTTP', () => {
  it('an upper-cased reference with a cheap order is a conflict, never another customer’s codes', async () => {
    const body = orderBody({ shopOrderId: 'shop-case' });
    expect((await postJson<RenderedOrder>(`${base}/orders`, body, as('alice'))).status).toBe(201);
    await pollUntil(
      () => fulfiller.get(body.reference),
      (o) => o?.state === 'settled',
    );

    const upper = body.reference.toUpperCase();
    const cheap = orderBody({
      reference: upper,
      lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '5', currency: 'USD' } }],
    });
    const stolen = await postJson<RenderedOrder>(`${base}/orders`, cheap, as('mallory'));
    expect(stolen.status).toBe(409);
    expect((await getOrder(upper, 'mallory', '?reveal=codes')).status).toBe(404);
    const own = await getOrder(upper, 'alice');
    expect(own.status).toBe(200);
    expect(own.body.reference).toBe(body.reference);
    expect(sandbox.orders.list().filter((o) => o.requestId.toLowerCase() === body.reference)).toHaveLength(1);
  });
});
