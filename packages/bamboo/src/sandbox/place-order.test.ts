import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BambooReason, ErrorShape } from './error-body';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from './index';
import { sandboxProductIds as ids } from './sandbox-catalog';
import { CHECKOUT, call, orderBody, relaxedLimits } from './test-support';

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: BambooSandboxOptions = {}): Promise<BambooSandbox> {
  sandbox = await startBambooSandbox({ limits: relaxedLimits, ...options });
  return sandbox;
}

function reasonOf(json: unknown, shape: ErrorShape): string | undefined {
  if (shape === 'string') return json as string;
  if (shape === 'error') return (json as { error: string }).error;
  return (json as { errors: { code: string }[] }).errors[0]?.code;
}

async function expectReason(
  s: BambooSandbox,
  body: unknown,
  reason: BambooReason,
  shape: ErrorShape = 'errors',
): Promise<void> {
  const res = await call(s, 'POST', CHECKOUT, body);
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(reasonOf(res.json, shape)).toBe(reason);
}

const usd10 = (quantity = 1) => [{ ProductId: ids.usdVariable, Quantity: quantity, Value: 10 }];

describe('POST orders/checkout', () => {
  it('accepts an order and answers with the RequestId as a bare JSON string', async () => {
    const s = await start();
    const body = orderBody([{ ProductId: 439685, Quantity: 2, Value: 10 }]);
    const res = await call(s, 'POST', CHECKOUT, JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.json).toBe(body.RequestId);
    expect(s.balance(555)).toBe('99980');
    expect(s.placeOrderCalls).toBe(1);
    const order = s.orders.get(body.RequestId);
    expect(order).toMatchObject({
      requestId: body.RequestId,
      accountId: 555,
      charged: '20',
      orderType: 'Sandbox',
    });
    expect(order?.items[0]?.cards).toHaveLength(2);
  });

  it('charges face value × FX × quantity exactly: EUR 10 × 10 at 1.0851 is USD 108.51', async () => {
    const s = await start({ fxRates: { 'EUR:USD': '1.0851' } });
    const res = await call(
      s,
      'POST',
      CHECKOUT,
      orderBody([{ ProductId: ids.eurVariable, Quantity: 10, Value: 10 }]),
    );
    expect(res.status).toBe(200);
    expect(s.balance(555)).toBe('99891.49');
    const order = s.orders.get(res.json as string);
    expect(order?.items[0]?.unitCharge).toBe('10.851');
    expect(order?.charged).toBe('108.51');
  });

  it('takes finite stock and refuses what is no longer there', async () => {
    const s = await start();
    const fixed50 = (q: number) =>
      orderBody([{ ProductId: ids.usdFixed50LimitedStock, Quantity: q, Value: 50 }]);
    await expectReason(s, fixed50(4), 'ProductIsOutOfStock');
    expect((await call(s, 'POST', CHECKOUT, fixed50(2))).status).toBe(200);
    await expectReason(s, fixed50(2), 'ProductIsOutOfStock');
    expect((await call(s, 'POST', CHECKOUT, fixed50(1))).status).toBe(200);
    await expectReason(s, fixed50(1), 'ProductIsOutOfStock');
  });

  it('adds up quantities of the same product across lines for stock', async () => {
    const s = await start();
    const line = { ProductId: ids.usdFixed50LimitedStock, Quantity: 2, Value: 50 };
    await expectReason(s, orderBody([line, line]), 'ProductIsOutOfStock');
  });

  describe('400 reasons', () => {
    it('InvalidRequest for malformed bodies and non-GUID RequestIds (not in the docs table)', async () => {
      const s = await start();
      await expectReason(s, 'not json', 'InvalidRequest');
      await expectReason(s, { ...orderBody(usd10()), RequestId: 'order-1' }, 'InvalidRequest');
      await expectReason(s, { ...orderBody(usd10()), AccountId: '555' }, 'InvalidRequest');
      await expectReason(
        s,
        orderBody([{ ProductId: ids.usdVariable, Quantity: 0, Value: 10 }]),
        'InvalidRequest',
      );
      // Documented casing only, so a client sending camelCase finds out in its tests.
      await expectReason(s, { requestId: randomUUID(), accountId: 555, products: usd10() }, 'InvalidRequest');
    });

    it('UserNotEnabled', async () => {
      await expectReason(await start({ ordersEnabled: false }), orderBody(usd10()), 'UserNotEnabled');
    });

    it('ClientCatalogNotExist', async () => {
      await expectReason(await start({ catalog: [] }), orderBody(usd10()), 'ClientCatalogNotExist');
    });

    it('WrongAccount: unknown, inactive, live account with sandbox credentials and vice versa', async () => {
      const s = await start();
      await expectReason(s, orderBody(usd10(), 999), 'WrongAccount');
      await expectReason(s, orderBody(usd10(), 556), 'WrongAccount');
      await expectReason(s, orderBody(usd10(), 557), 'WrongAccount');
      await s.close();
      const live = await start({ environment: 'live' });
      await expectReason(live, orderBody(usd10(), 555), 'WrongAccount');
      const ok = await call(live, 'POST', CHECKOUT, orderBody(usd10(), 557));
      expect(ok.status).toBe(200);
      expect(live.orders.get(ok.json as string)?.orderType).toBe('Live');
    });

    it('NoProducts', async () => {
      const s = await start();
      await expectReason(s, orderBody([]), 'NoProducts');
      await expectReason(s, { RequestId: randomUUID(), AccountId: 555 }, 'NoProducts');
    });

    it('OrderAlreadyExists, also for the same GUID in another case', async () => {
      const s = await start();
      const body = orderBody(usd10());
      expect((await call(s, 'POST', CHECKOUT, body)).status).toBe(200);
      await expectReason(s, body, 'OrderAlreadyExists');
      await expectReason(s, { ...body, RequestId: body.RequestId.toUpperCase() }, 'OrderAlreadyExists');
      expect(s.orders.list()).toHaveLength(1);
      expect(s.balance(555)).toBe('99990');
    });

    it('CardsLimitExceeded above 500 cards in total', async () => {
      const s = await start();
      const line = (q: number) => ({ ProductId: ids.usdVariable, Quantity: q, Value: 5 });
      await expectReason(s, orderBody([line(300), line(201)]), 'CardsLimitExceeded');
      expect((await call(s, 'POST', CHECKOUT, orderBody([line(300), line(200)]))).status).toBe(200);
    });

    it('InvalidProductIds', async () => {
      await expectReason(
        await start(),
        orderBody([...usd10(), { ProductId: 1, Quantity: 1, Value: 10 }]),
        'InvalidProductIds',
      );
    });

    it('InvalidProduct', async () => {
      const s = await start();
      await expectReason(
        s,
        orderBody([{ ProductId: ids.notOrderable, Quantity: 1, Value: 10 }]),
        'InvalidProduct',
      );
    });

    it('ClientPriceInvalid', async () => {
      const s = await start();
      await expectReason(
        s,
        orderBody([{ ProductId: ids.priceInvalid, Quantity: 1, Value: 10 }]),
        'ClientPriceInvalid',
      );
    });

    it('InvalidDenomination outside min..max and off a fixed denomination', async () => {
      const s = await start();
      await expectReason(
        s,
        orderBody([{ ProductId: ids.usdVariable, Quantity: 1, Value: 4.99 }]),
        'InvalidDenomination',
      );
      await expectReason(
        s,
        orderBody([{ ProductId: ids.usdVariable, Quantity: 1, Value: 501 }]),
        'InvalidDenomination',
      );
      await expectReason(
        s,
        orderBody([{ ProductId: ids.usdFixed25, Quantity: 1, Value: 20 }]),
        'InvalidDenomination',
      );
      expect(
        (await call(s, 'POST', CHECKOUT, orderBody([{ ProductId: ids.usdFixed25, Quantity: 1, Value: 25 }])))
          .status,
      ).toBe(200);
    });

    it('ProductIsOutOfStock', async () => {
      const s = await start();
      await expectReason(
        s,
        orderBody([{ ProductId: ids.gbpOutOfStock, Quantity: 1, Value: 10 }]),
        'ProductIsOutOfStock',
      );
    });

    it('InsufficientBalance, and the balance is untouched', async () => {
      const s = await start();
      await expectReason(s, orderBody(usd10(3), 559), 'InsufficientBalance');
      expect(s.balance(559)).toBe('20');
      expect((await call(s, 'POST', CHECKOUT, orderBody(usd10(2), 559))).status).toBe(200);
      expect(s.balance(559)).toBe('0');
    });

    it('checks in order: account before products, products before money', async () => {
      const s = await start();
      await expectReason(s, orderBody([{ ProductId: 1, Quantity: 1, Value: 10 }], 999), 'WrongAccount');
      await expectReason(
        s,
        orderBody([{ ProductId: ids.gbpOutOfStock, Quantity: 9999, Value: 10 }], 559),
        'CardsLimitExceeded',
      );
      await expectReason(
        s,
        orderBody([{ ProductId: ids.usdVariable, Quantity: 1, Value: 1 }], 559),
        'InvalidDenomination',
      );
    });

    it.each<ErrorShape>(['string', 'error', 'errors'])(
      'answers in the %s error shape',
      async (errorShape) => {
        const s = await start({ scenario: { errorShape } });
        const res = await call(s, 'POST', CHECKOUT, orderBody(usd10(3), 559));
        expect(res.status).toBe(400);
        if (errorShape === 'string') expect(res.json).toBe('InsufficientBalance');
        if (errorShape === 'error')
          expect(res.json).toEqual({ error: 'InsufficientBalance', message: expect.any(String) });
        if (errorShape === 'errors') {
          expect(res.json).toEqual({
            errors: [{ code: 'InsufficientBalance', message: expect.any(String) }],
          });
        }
        await expectReason(s, orderBody([]), 'NoProducts', errorShape);
        await expectReason(s, orderBody(usd10(), 999), 'WrongAccount', errorShape);
        await s.close();
      },
    );
  });
});
