import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GiftwireFulfiller, giftwire, type RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  expectNothingSecretLogged,
  type Fulfiller,
  fileLogs,
  headerAuth,
  http,
  listen,
  orderBody,
  pollUntil,
  postJson,
} from './support/world';

let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let base: string;

const PROBLEM = 'application/problem+json; charset=utf-8';
const type = (slug: string) => `https://giftwire.dev/problems/${slug}`;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    router: {
      authorize: (req) => req.get('x-step-up') === 'ok',
      revealRateLimit: { windowMs: 60_000, limit: 3 },
    },
  });
  ({ sandbox, fulfiller, base } = testApp);
});

afterAll(() => testApp.close());

async function settledOrder(customer: string): Promise<string> {
  const body = orderBody({
    lines: [{ productId: '500200', quantity: 1, faceValue: { amount: '25', currency: 'USD' } }],
  });
  expect((await postJson(`${base}/orders`, body, as(customer))).status).toBe(201);
  await pollUntil(
    () => http<RenderedOrder>(`${base}/orders/${body.reference}`, { headers: as(customer) }),
    (res) => res.body.state === 'settled',
  );
  return body.reference;
}

describe('400: invalid orders, every bad field listed, nothing submitted', () => {
  it('lists every bad field with the body path', async () => {
    const res = await postJson(
      `${base}/orders`,
      {
        vendor: '',
        reference: 'not-a-uuid',
        lines: [
          { productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } },
          { productId: '', quantity: 0, faceValue: { amount: 'ten', currency: 'usd' } },
        ],
        recipient: { email: 'nope' },
        shopOrderId: '',
      },
      as('val'),
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.body).toMatchObject({ type: type('validation-error'), status: 400 });
    expect(res.body.errors!.map((e) => e.path).sort()).toEqual(
      [
        'vendor',
        'reference',
        'lines.1.productId',
        'lines.1.quantity',
        'lines.1.faceValue.amount',
        'lines.1.faceValue.currency',
        'recipient.email',
        'shopOrderId',
      ].sort(),
    );
    expect(res.text).not.toContain('not-a-uuid');
  });

  it('refuses an unknown vendor, a missing body, a vendor limit and a key that differs from the body', async () => {
    const unknown = await postJson(`${base}/orders`, orderBody({ vendor: 'acme' }), as('val'));
    expect(unknown.body.errors).toEqual([{ path: 'vendor', message: expect.stringContaining('unknown') }]);

    const empty = await http(`${base}/orders`, { method: 'POST', headers: as('val') });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: '', message: expect.any(String) }]);

    // Bamboo takes at most 500 cards per order: the engine says so, the path is still the body's.
    const tooMany = await postJson(
      `${base}/orders`,
      orderBody({
        lines: [{ productId: '439685', quantity: 501, faceValue: { amount: '10', currency: 'USD' } }],
      }),
      as('val'),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ path: 'lines', message: expect.stringContaining('500') }]);

    const mismatch = await postJson(`${base}/orders`, orderBody(), {
      ...as('val'),
      'idempotency-key': randomUUID(),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([{ path: 'reference', message: expect.any(String) }]);
    const noReference = await postJson(`${base}/orders`, orderBody({ reference: undefined }), as('val'));
    expect(noReference.status).toBe(400);
    expect(noReference.body.errors).toEqual([
      { path: 'reference', message: expect.stringContaining('required') },
    ]);

    const badKey = await postJson(`${base}/orders`, orderBody({ reference: undefined }), {
      ...as('val'),
      'idempotency-key': 'abc',
    });
    expect(badKey.body.errors).toEqual([{ path: 'Idempotency-Key', message: 'must be a UUID' }]);

    expect((await fulfiller.list({ customer: 'val' })).orders).toEqual([]);
  });

  it('refuses what the vendor does not sell (another currency, a finer face value), naming the field', async () => {
    const eur = await postJson(
      `${base}/orders`,
      orderBody({
        lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'EUR' } }],
      }),
      as('sold'),
    );
    expect(eur.status).toBe(400);
    expect(eur.body.errors).toEqual([
      { path: 'lines.0.faceValue.currency', message: expect.stringContaining('USD') },
    ]);
    const fine = await postJson(
      `${base}/orders`,
      orderBody({
        lines: [
          {
            productId: '439685',
            quantity: 1,
            faceValue: { amount: '10.000000000000000001', currency: 'USD' },
          },
        ],
      }),
      as('sold'),
    );
    expect(fine.status).toBe(400);
    expect(fine.body.errors).toEqual([{ path: 'lines.0.faceValue.amount', message: expect.any(String) }]);
    expect((await fulfiller.list({ customer: 'sold' })).orders).toEqual([]);
  });

  it('answers malformed JSON with 400, a huge body with 413, a non-JSON body with 415', async () => {
    const malformed = await http(`${base}/orders`, {
      method: 'POST',
      headers: { ...as('val'), 'content-type': 'application/json' },
      body: '{"vendor": "bamboo",',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toBe(PROBLEM);
    expect(malformed.body).toEqual({ type: type('malformed-json'), title: expect.any(String), status: 400 });

    const huge = await postJson(`${base}/orders`, orderBody({ shopOrderId: 'x'.repeat(70_000) }), as('val'));
    expect(huge.status).toBe(413);
    expect(huge.body.type).toBe(type('payload-too-large'));

    const text = await http(`${base}/orders`, {
      method: 'POST',
      headers: { ...as('val'), 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect((await fulfiller.list({ customer: 'val' })).orders).toEqual([]);
    expect(sandbox.placeOrderCalls).toBe(0);
  });
});

describe('400: a body that is not what its Content-Encoding says', () => {
  for (const encoding of ['gzip', 'deflate', 'br']) {
    it(`Content-Encoding: ${encoding} over a plain body is 400 naming the problem, for orders and webhooks`, async () => {
      const body = orderBody();
      for (const path of ['/orders', '/webhooks/bamboo']) {
        const res = await http(`${base}${path}`, {
          method: 'POST',
          headers: { ...as('enc'), 'content-type': 'application/json', 'content-encoding': encoding },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toBe(PROBLEM);
        expect(res.body).toEqual({
          type: type('bad-request'),
          title: expect.any(String),
          status: 400,
          detail: 'The body could not be decoded as its Content-Encoding header says.',
        });
        expect(res.text).not.toMatch(/Z_DATA_ERROR|incorrect header|at .*\.js/);
      }
      expect(await fulfiller.get(body.reference)).toBeUndefined();
    });
  }
});

describe('who may see what', () => {
  it('401 without a caller, on every order route', async () => {
    for (const res of [
      await postJson(`${base}/orders`, orderBody()),
      await http(`${base}/orders`),
      await http(`${base}/orders/${randomUUID()}`),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe(PROBLEM);
      expect(res.body.type).toBe(type('unauthenticated'));
    }
  });

  it("404 for another customer's order (cached or not) and for an unknown one, never 403", async () => {
    const reference = await settledOrder('owner');
    for (let i = 0; i < 2; i++) {
      const res = await http(`${base}/orders/${reference}`, { headers: as('intruder') });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(type('not-found'));
      // The owner's read fills the cache between the two attempts.
      expect((await http(`${base}/orders/${reference}`, { headers: as('owner') })).status).toBe(200);
    }
    const revealAttempt = await http(`${base}/orders/${reference}?reveal=codes`, {
      headers: { ...as('intruder'), 'x-step-up': 'ok' },
    });
    expect(revealAttempt.status).toBe(404);
    expect((await http(`${base}/orders/${randomUUID()}`, { headers: as('owner') })).status).toBe(404);
  });

  it('a path that is not valid percent-encoding is 400; a reference no order can have is 404 — never a 500', async () => {
    for (const path of ['/orders/%zz', '/orders/%']) {
      const res = await http(`${base}${path}`, { headers: as('owner') });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe(type('bad-request'));
    }
    const hook = await http(`${base}/webhooks/%zz`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(400);
    // A NUL byte (which PostgreSQL refuses to compare), junk, 5,000 characters: no order, nothing asked of the store.
    for (const reference of ['%00', 'not-a-reference', 'x'.repeat(5_000), `${randomUUID()}%00`]) {
      const res = await http(`${base}/orders/${reference}`, { headers: as('owner') });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(type('not-found'));
    }
  });

  it('403 when authorize refuses the reveal, 400 for an unknown reveal value', async () => {
    const reference = await settledOrder('refused');
    const res = await http(`${base}/orders/${reference}?reveal=codes`, { headers: as('refused') });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(type('forbidden'));
    expect(res.text).not.toContain('"code"');
    const odd = await http(`${base}/orders/${reference}?reveal=all`, { headers: as('refused') });
    expect(odd.status).toBe(400);
  });

  it('429 past the reveal limit, per caller, without counting plain reads', async () => {
    const reference = await settledOrder('eager');
    const reveal = (customer: string, ref: string) =>
      http(`${base}/orders/${ref}?reveal=codes`, { headers: { ...as(customer), 'x-step-up': 'ok' } });
    for (let i = 0; i < 5; i++) {
      expect((await http(`${base}/orders/${reference}`, { headers: as('eager') })).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) expect((await reveal('eager', reference)).status).toBe(200);
    const limited = await reveal('eager', reference);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toBe(PROBLEM);
    expect(limited.body.type).toBe(type('too-many-requests'));
    expect(limited.text).not.toContain('"code"');
    // Another customer has their own budget.
    const other = await settledOrder('patient');
    expect((await reveal('patient', other)).status).toBe(200);
  });
});

describe('409, webhooks, health and server errors', () => {
  it('409 when a reference is reused for a different request', async () => {
    const body = orderBody();
    expect((await postJson(`${base}/orders`, body, as('dup'))).status).toBe(201);
    const changed = { ...body, lines: [{ ...body.lines[0]!, quantity: 3 }] };
    const res = await postJson(`${base}/orders`, changed, as('dup'));
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(type('idempotency-conflict'));
    // The same request from another customer is a different request too: never their order.
    expect((await postJson(`${base}/orders`, body, as('someone-else'))).status).toBe(409);
  });

  it('401 with no detail for a webhook with a bad secret; 404 for an unknown vendor', async () => {
    const callback = {
      orderId: 1,
      status: 'Succeeded',
      totalCards: 1,
      secretKey: 'wrong-secret',
      requestId: randomUUID(),
    };
    const bad = await postJson(`${base}/webhooks/bamboo`, callback);
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      type: type('webhook-verification-failed'),
      title: expect.any(String),
      status: 401,
    });
    const unknown = await postJson(`${base}/webhooks/acme`, callback);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe(type('not-found'));
  });

  it('500 says nothing about the cause', async () => {
    const broken: GiftwireFulfiller = {
      ...fulfiller,
      vendors: fulfiller.vendors,
      running: true,
      get: () => Promise.reject(new Error('connection to 10.0.0.7:5432 refused: password=hunter2')),
      list: () => Promise.reject(new Error('store down')),
      health: async () => ({ ok: false, store: 'failing', scheduler: 'running' }),
      submit: fulfiller.submit,
      handleWebhook: fulfiller.handleWebhook,
    };
    const app = express();
    app.use(giftwire({ fulfiller: broken, authenticate: headerAuth, authorizePlacement: () => true }));
    const other = await listen(app);
    try {
      const res = await http(`${other.url}/orders/${randomUUID()}`, { headers: as('x') });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ type: type('internal-error'), title: 'Internal error', status: 500 });
      const health = await http(`${other.url}/health`);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', store: 'failing', scheduler: 'running' });
    } finally {
      await other.close();
    }
  });

  it('health: 200 while running, 503 once stopped', async () => {
    const up = await http(`${base}/health`);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ok', store: 'ok', scheduler: 'running' });
    await fulfiller.stop();
    const down = await http(`${base}/health`);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', store: 'ok', scheduler: 'stopped' });
  });
});

describe('logs', () => {
  it('hold no code, PIN or credential from anything this file did', () => {
    expect(fileLogs.text().length).toBeGreaterThan(0);
    expectNothingSecretLogged(fileLogs.text(), [sandbox]);
  });
});
