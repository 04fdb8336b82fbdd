import { afterEach, describe, expect, it } from 'vitest';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from './index';
import { sandboxProductIds as ids } from './sandbox-catalog';
import { CHECKOUT, call, fakeClock, orderBody, orderPath, relaxedLimits } from './test-support';

interface OrderJson {
  orderId: number;
  requestId: string;
  status: string;
  total: number;
  errorMessage: string | null;
  orderType: string;
  currency: string;
  createdDate: string;
  items: {
    productId: number;
    productFaceValue: number;
    quantity: number;
    countryCode: string;
    currencyCode: string;
    cards: {
      id: number;
      serialNumber: string;
      cardCode: string | null;
      pin: string | null;
      expirationDate: string;
      status: string;
    }[];
  }[];
}

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: BambooSandboxOptions = {}) {
  const clock = fakeClock();
  sandbox = await startBambooSandbox({
    clock,
    limits: relaxedLimits,
    ...options,
    scenario: { processingAfterMs: 100, settleAfterMs: 300, ...options.scenario },
  });
  return { s: sandbox, clock };
}

async function place(
  s: BambooSandbox,
  products: { ProductId: number; Quantity: number; Value: number }[] = [
    { ProductId: ids.usdVariable, Quantity: 2, Value: 10 },
  ],
) {
  const res = await call(s, 'POST', CHECKOUT, orderBody(products));
  expect(res.status).toBe(200);
  return res.json as string;
}

async function getOrder(s: BambooSandbox, requestId: string): Promise<OrderJson> {
  const res = await call(s, 'GET', orderPath(requestId));
  expect(res.status).toBe(200);
  return res.json as OrderJson;
}

const cardStatuses = (order: OrderJson) => order.items.flatMap((i) => i.cards.map((c) => c.status));

describe('GET orders/:id and status over time', () => {
  it('goes Created → Processing → Succeeded with the clock, codes null until Sold', async () => {
    const { s, clock } = await start();
    const requestId = await place(s);

    const created = await getOrder(s, requestId);
    expect(created.status).toBe('Created');
    expect(cardStatuses(created)).toEqual(['Created', 'Created']);
    expect(created.items[0]?.cards.every((c) => c.cardCode === null && c.pin === null)).toBe(true);

    clock.advance(99);
    expect((await getOrder(s, requestId)).status).toBe('Created');
    clock.advance(1);
    const processing = await getOrder(s, requestId);
    expect(processing.status).toBe('Processing');
    expect(cardStatuses(processing)).toEqual(['Processing', 'Processing']);
    expect(processing.items[0]?.cards[0]?.cardCode).toBeNull();

    clock.advance(200);
    const done = await getOrder(s, requestId);
    expect(done.status).toBe('Succeeded');
    expect(cardStatuses(done)).toEqual(['Sold', 'Sold']);
    const mine = s.orders.get(requestId);
    for (const [i, card] of (done.items[0]?.cards ?? []).entries()) {
      expect(card.cardCode).toMatch(/^[0-9a-f]{32}$/);
      expect(card.pin).toMatch(/^\d{3,4}$/);
      expect(card.serialNumber).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(card.expirationDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);
      expect(card.cardCode).toBe(mine?.items[0]?.cards[i]?.cardCode);
      expect(card.pin).toBe(mine?.items[0]?.cards[i]?.pin);
    }
  });

  it('answers exactly the docs shape', async () => {
    const { s, clock } = await start();
    const requestId = await place(s);
    clock.advance(300);
    const order = await getOrder(s, requestId);
    expect(Object.keys(order).sort()).toEqual(
      [
        'orderId',
        'requestId',
        'items',
        'status',
        'createdDate',
        'total',
        'errorMessage',
        'orderType',
        'currency',
      ].sort(),
    );
    expect(Object.keys(order.items[0] ?? {}).sort()).toEqual(
      [
        'brandCode',
        'productId',
        'productFaceValue',
        'quantity',
        'pictureUrl',
        'countryCode',
        'currencyCode',
        'cards',
      ].sort(),
    );
    expect(order).toMatchObject({
      requestId,
      status: 'Succeeded',
      total: 20,
      errorMessage: null,
      orderType: 'Sandbox',
      currency: 'USD',
      createdDate: '2025-01-01T00:00:00.0000000',
      items: [
        {
          brandCode: null,
          productId: 439685,
          productFaceValue: 10,
          quantity: 2,
          pictureUrl: null,
          countryCode: 'BH',
          currencyCode: 'USD',
        },
      ],
    });
    expect(typeof order.orderId).toBe('number');
  });

  it('writes totals as JSON numbers with their exact decimals', async () => {
    const { s, clock } = await start({ fxRates: { 'EUR:USD': '0.947005' } });
    const requestId = await place(s, [{ ProductId: ids.eurVariable, Quantity: 2, Value: 10 }]);
    clock.advance(300);
    const res = await call(s, 'GET', orderPath(requestId));
    expect((res.json as OrderJson).total).toBe(18.9401);
  });

  it('PartialFailed refunds failed cards: total is what the sold cards cost', async () => {
    const { s, clock } = await start({
      fxRates: { 'EUR:USD': '1.0851' },
      scenario: { outcome: () => ({ status: 'PartialFailed', failedCards: 3 }) },
    });
    const requestId = await place(s, [{ ProductId: ids.eurVariable, Quantity: 10, Value: 10 }]);
    expect(s.balance(555)).toBe('99891.49');
    clock.advance(300);
    const order = await getOrder(s, requestId);
    expect(order.status).toBe('PartialFailed');
    expect(order.errorMessage).toEqual(expect.any(String));
    expect(order.total).toBe(75.957);
    const statuses = cardStatuses(order);
    expect(statuses.filter((x) => x === 'Sold')).toHaveLength(7);
    expect(statuses.filter((x) => x === 'Failed')).toHaveLength(3);
    for (const card of order.items[0]?.cards ?? []) {
      if (card.status === 'Failed') expect(card.cardCode).toBeNull();
      else expect(card.cardCode).not.toBeNull();
    }
    expect(s.balance(555)).toBe('99924.043');
    expect(s.orders.get(requestId)).toMatchObject({ charged: '108.51', refunded: '32.553', total: '75.957' });
  });

  it('"PartialFailed" without a count fails half the cards', async () => {
    const { s, clock } = await start({ scenario: { outcome: () => 'PartialFailed' } });
    const requestId = await place(s, [{ ProductId: ids.usdVariable, Quantity: 4, Value: 10 }]);
    clock.advance(300);
    const order = await getOrder(s, requestId);
    expect(order.status).toBe('PartialFailed');
    expect(order.total).toBe(20);
  });

  it('Failed: every card failed, total 0, errorMessage set, balance restored', async () => {
    const { s, clock } = await start({
      scenario: { outcome: (o) => (o.products[0]?.value === 13 ? 'Failed' : 'Succeeded') },
    });
    const failing = await place(s, [{ ProductId: ids.usdVariable, Quantity: 2, Value: 13 }]);
    const fine = await place(s, [{ ProductId: ids.usdVariable, Quantity: 1, Value: 10 }]);
    expect(s.balance(555)).toBe('99964');
    clock.advance(300);
    const order = await getOrder(s, failing);
    expect(order).toMatchObject({ status: 'Failed', total: 0, errorMessage: expect.any(String) });
    expect(cardStatuses(order)).toEqual(['Failed', 'Failed']);
    expect((await getOrder(s, fine)).status).toBe('Succeeded');
    expect(s.balance(555)).toBe('99990');
  });

  it('keeps Paused cards (and the order in Processing) for pausedForMs past settle', async () => {
    const { s, clock } = await start({ scenario: { pausedCards: 1, pausedForMs: 1000 } });
    const requestId = await place(s, [{ ProductId: ids.usdVariable, Quantity: 3, Value: 10 }]);
    clock.advance(300);
    const paused = await getOrder(s, requestId);
    expect(paused.status).toBe('Processing');
    expect(cardStatuses(paused)).toEqual(['Paused', 'Sold', 'Sold']);
    expect(paused.items[0]?.cards[0]?.cardCode).toBeNull();
    expect(paused.items[0]?.cards[1]?.cardCode).toMatch(/^[0-9a-f]{32}$/);
    clock.advance(999);
    expect((await getOrder(s, requestId)).status).toBe('Processing');
    clock.advance(1);
    const done = await getOrder(s, requestId);
    expect(done.status).toBe('Succeeded');
    expect(cardStatuses(done)).toEqual(['Sold', 'Sold', 'Sold']);
    expect(done.items[0]?.cards[0]?.cardCode).toMatch(/^[0-9a-f]{32}$/);
    expect(s.orders.get(requestId)?.completedAt).toBe(Date.parse('2025-01-01T00:00:01.300Z'));
  });

  it('settles at once when settleAfterMs is 0', async () => {
    const { s } = await start({ scenario: { processingAfterMs: 0, settleAfterMs: 0 } });
    const requestId = await place(s);
    expect((await getOrder(s, requestId)).status).toBe('Succeeded');
  });

  it('advances on its own timer with the real clock', async () => {
    sandbox = await startBambooSandbox({
      limits: relaxedLimits,
      scenario: { processingAfterMs: 10, settleAfterMs: 30 },
    });
    const requestId = await place(sandbox);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sandbox.orders.get(requestId)?.status).toBe('Succeeded');
  });

  it('answers 404 OrderNotFound for an unknown RequestId, in the configured shape', async () => {
    const { s } = await start();
    const res = await call(s, 'GET', orderPath('00000000-0000-0000-0000-000000000000'));
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [{ code: 'OrderNotFound', message: expect.any(String) }] });
    await s.close();
    const { s: s2 } = await start({ scenario: { errorShape: 'error' } });
    const res2 = await call(s2, 'GET', orderPath('00000000-0000-0000-0000-000000000000'));
    expect(res2.json).toEqual({ error: 'OrderNotFound', message: expect.any(String) });
  });

  it("accepts the docs' literal /orders/:id?id=<RequestId> form and any GUID case", async () => {
    const { s } = await start();
    const requestId = await place(s);
    expect((await call(s, 'GET', `/api/integration/v1.0/orders/:id?id=${requestId}`)).status).toBe(200);
    expect((await getOrder(s, requestId.toUpperCase())).requestId).toBe(requestId);
  });
});

describe('issuedSecrets()', () => {
  it('lists the codes and PINs Get Order hands out, per order or for all, and none of failed cards', async () => {
    const { s, clock } = await start({
      scenario: {
        outcome: ({ products }) =>
          products[0]?.quantity === 4 ? { status: 'PartialFailed', failedCards: 1 } : 'Succeeded',
      },
    });
    const whole = await place(s);
    const partial = await place(s, [{ ProductId: ids.usdVariable, Quantity: 4, Value: 10 }]);
    clock.advance(300);
    await s.settle();
    const sold = async (requestId: string) =>
      (await getOrder(s, requestId)).items.flatMap((i) => i.cards).filter((c) => c.status === 'Sold');
    const wholeCards = await sold(whole);
    const partialCards = await sold(partial);
    expect(partialCards).toHaveLength(3);
    expect(s.issuedSecrets(whole)).toEqual({
      codes: wholeCards.map((c) => c.cardCode),
      pins: wholeCards.map((c) => c.pin),
      urls: [],
    });
    expect(s.issuedSecrets(partial).codes).toEqual(partialCards.map((c) => c.cardCode));
    expect(s.issuedSecrets().codes).toHaveLength(5);
    expect(s.issuedSecrets('00000000-0000-4000-8000-000000000000')).toEqual({
      codes: [],
      pins: [],
      urls: [],
    });
  });
});
