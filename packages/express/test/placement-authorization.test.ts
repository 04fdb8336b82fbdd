import { randomUUID } from 'node:crypto';
import type { PlaceOrderRequest } from '@giftwire/core';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GiftwireOptions, giftwire, type PlacementRequest, type RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  type Fulfiller,
  headerAuth,
  listen,
  orderBody,
  postJson,
} from './support/world';

/** What a shop's checkout recorded once the customer paid: whose it is, what was bought, and its reference. */
interface PaidShopOrder {
  customerId: string;
  reference: string;
  lines: PlaceOrderRequest['lines'];
}

let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let base: string;
const paidOrders = new Map<string, PaidShopOrder>();
const seen: PlacementRequest[] = [];

const sameLines = (a: PlaceOrderRequest['lines'], b: PlaceOrderRequest['lines']) =>
  JSON.stringify(a.map(({ productId, quantity, faceValue }) => [productId, quantity, faceValue])) ===
  JSON.stringify(b.map(({ productId, quantity, faceValue }) => [productId, quantity, faceValue]));

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    router: {
      // The check the README shows: the shop's paid order, looked up by id, must match what is placed.
      async authorizePlacement(_req, placement) {
        seen.push(placement);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const paid = placement.shopOrderId ? paidOrders.get(placement.shopOrderId) : undefined;
        return (
          paid !== undefined &&
          paid.customerId === placement.caller.customerId &&
          paid.reference === placement.reference &&
          sameLines(paid.lines, placement.lines)
        );
      },
    },
  });
  ({ sandbox, fulfiller, base } = testApp);
});

afterAll(() => testApp.close());

function pay(customerId: string, body: ReturnType<typeof orderBody>): void {
  paidOrders.set(body.shopOrderId as string, {
    customerId,
    reference: body.reference as string,
    lines: body.lines as PlaceOrderRequest['lines'],
  });
}

describe('POST /orders places only what the shop authorized', () => {
  it('the router refuses to be built without authorizePlacement, naming the option', () => {
    const options = { fulfiller, authenticate: headerAuth } as unknown as GiftwireOptions;
    expect(() => giftwire(options)).toThrow(/authorizePlacement/);
  });

  it('a signed-in customer without a paid order gets 403 and nothing is placed', async () => {
    const body = orderBody({
      shopOrderId: `unpaid-${randomUUID()}`,
      lines: [{ productId: '439685', quantity: 60, faceValue: { amount: '10', currency: 'USD' } }],
    });
    const before = sandbox.orders.list().length;
    const res = await postJson(`${base}/orders`, body, as('mallory'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ type: 'https://giftwire.dev/problems/forbidden', status: 403 });
    expect(await fulfiller.get(body.reference as string)).toBeUndefined();
    expect(sandbox.orders.list().length).toBe(before);
  });

  it('the check gets the parsed request with reference, lines, shopOrderId and the caller', async () => {
    const reference = randomUUID();
    const body = orderBody({ shopOrderId: 'shop-seen' });
    delete (body as { reference?: string }).reference;
    await postJson(`${base}/orders`, body, { ...as('cus_seen'), 'Idempotency-Key': reference });
    expect(seen.at(-1)).toEqual({
      vendor: 'bamboo',
      reference,
      lines: body.lines,
      shopOrderId: 'shop-seen',
      caller: { customerId: 'cus_seen' },
    });
  });

  it("another customer's paid order, other lines or another reference are refused", async () => {
    const paid = orderBody({ shopOrderId: `paid-${randomUUID()}` });
    pay('alice', paid);
    const asBob = await postJson(`${base}/orders`, paid, as('bob'));
    expect(asBob.status).toBe(403);
    const more = await postJson(
      `${base}/orders`,
      { ...paid, lines: [{ ...paid.lines[0], quantity: 3 }] },
      as('alice'),
    );
    expect(more.status).toBe(403);
    const again = await postJson(`${base}/orders`, { ...paid, reference: randomUUID() }, as('alice'));
    expect(again.status).toBe(403);
    expect(await fulfiller.get(paid.reference as string)).toBeUndefined();
  });

  it('the paid order itself is placed (201), and its repeat answers the same order (200)', async () => {
    const paid = orderBody({ shopOrderId: `paid-${randomUUID()}` });
    pay('alice', paid);
    const first = await postJson<RenderedOrder>(`${base}/orders`, paid, as('alice'));
    expect(first.status).toBe(201);
    expect(first.body.reference).toBe(paid.reference);
    const repeat = await postJson<RenderedOrder>(`${base}/orders`, paid, as('alice'));
    expect(repeat.status).toBe(200);
  });

  it('an answer other than true (a forgotten await, a truthy object) refuses', async () => {
    const app = express();
    app.use(
      giftwire({
        fulfiller,
        authenticate: headerAuth,
        authorizePlacement: (() => ({ ok: true })) as unknown as GiftwireOptions['authorizePlacement'],
      }),
    );
    const other = await listen(app);
    try {
      const body = orderBody();
      expect((await postJson(`${other.url}/orders`, body, as('x'))).status).toBe(403);
      expect(await fulfiller.get(body.reference as string)).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
