import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type GiftHubSandbox, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';
import { fakeClock } from './client-helpers';

let sandbox: GiftHubSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: test bodies are read loosely.
type Json = Record<string, any>;

async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, key = 'sandbox-api-key') {
  const res = await request(`${sandbox!.url}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Json };
}

const create = (reference: string, products: Json) => call('POST', '/order/create', { reference, products });
const confirm = (orderId: unknown) => call('PUT', '/order/confirm', { orderId });
const dkk = { [sandboxSkus.adidasDk1000]: { quote: 1000, quantity: 1 } };

describe('the GiftHub sandbox', () => {
  it('refuses a request without the API key', async () => {
    sandbox = await startGiftHubSandbox();
    expect((await call('GET', '/order/get?orderId=x', undefined, 'wrong')).status).toBe(401);
  });

  it('validates the create body', async () => {
    sandbox = await startGiftHubSandbox();
    expect((await create('', dkk)).status).toBe(400);
    expect((await create('r', {})).status).toBe(400);
    expect((await create('r', { nope: { quote: 1, quantity: 1 } })).body.message).toBe(
      'Product nope not found',
    );
    expect((await create('r', { [sandboxSkus.inactive]: { quote: 100, quantity: 1 } })).status).toBe(400);
    expect((await create('r', { [sandboxSkus.adidasDk1000]: { quote: 999, quantity: 1 } })).status).toBe(400);
    expect((await create('r', { [sandboxSkus.adidasDk1000]: { quote: 1000, quantity: 1.5 } })).status).toBe(
      400,
    );
    expect((await create('r', { [sandboxSkus.zalandoEurRange]: { quote: 501, quantity: 1 } })).status).toBe(
      400,
    );
    expect(sandbox.orders()).toEqual([]);
  });

  it("holds one order per reference: a second create answers the held one; confirm charges the page's invoice", async () => {
    sandbox = await startGiftHubSandbox();
    const first = await create('Ref-1', dkk);
    expect(first.body.data).toMatchObject({
      state: 'created',
      reference: 'Ref-1',
      invoice: { status: 'unpaid' },
    });
    const second = await create('ref-1', { [sandboxSkus.zalandoEur25]: { quote: 25, quantity: 2 } });
    expect(second.body.data.uid).toBe(first.body.data.uid);
    expect(Object.keys(second.body.data.products)).toEqual([sandboxSkus.adidasDk1000]);

    const confirmed = await confirm(first.body.data.uid);
    expect(confirmed).toEqual({
      status: 200,
      body: {
        message: 'Order confirmed successfully',
        data: { id: first.body.data.uid, state: 'confirmed' },
      },
    });
    expect(sandbox.balance()).toBe('99865.89');
    const got = await call('GET', `/order/get?orderId=${first.body.data.uid}`);
    const data = got.body.data;
    expect(got.body.message).toBe('Your order');
    expect(data.invoice).toMatchObject({
      total: 134.11,
      wallet: 'EUR',
      paymentMethod: 'balance',
      status: 'paid',
    });
    const [record] = data.invoice.records;
    expect(record.total).toEqual({ EUR: 134.11, DKK: 0 });
    expect(record.items.map((i: Json) => [i.type, i.effect.amount, i.effect.currency])).toEqual([
      ['main-product', 1000, 'DKK'],
      ['exchange-target-currency', -1000, 'DKK'],
      ['exchange-base-currency', 134.11, 'EUR'],
    ]);
    expect(data.exchangeRates).toMatchObject([
      { baseCurrency: 'EUR', targetCurrency: 'DKK', rate: 7.456803455723542 },
    ]);
    expect(data.products[sandboxSkus.adidasDk1000].shopItem).toMatchObject({
      baseCurrency: 'DKK',
      quote: 1000,
    });
    expect(data.createdDate).toEqual({ _seconds: expect.any(Number), _nanoseconds: expect.any(Number) });
  });

  it('refuses a second confirm, an unknown id and a missing one', async () => {
    sandbox = await startGiftHubSandbox();
    const { body } = await create('r2', dkk);
    expect((await confirm(body.data.uid)).status).toBe(200);
    expect((await confirm(body.data.uid)).status).toBe(404);
    expect((await confirm('nope')).status).toBe(404);
    expect((await confirm(undefined)).status).toBe(400);
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });

  it('answers insufficient funds on confirm with the published sentence, charging nothing', async () => {
    sandbox = await startGiftHubSandbox({ wallet: { balance: '134.10' } });
    const { body } = await create('r3', dkk);
    expect(await confirm(body.data.uid)).toEqual({
      status: 400,
      body: { message: 'You have insufficient funds in your wallet to create this order' },
    });
    expect(sandbox.balance()).toBe('134.1');
  });

  it('expires a created order: 419 on a late confirm, and the reference may be created again', async () => {
    const clock = fakeClock();
    sandbox = await startGiftHubSandbox({ clock, expireAfterMs: 1_000 });
    const { body } = await create('r4', dkk);
    clock.advance(1_000);
    expect((await confirm(body.data.uid)).status).toBe(419);
    expect((await call('GET', `/order/get?orderId=${body.data.uid}`)).body.data.state).toBe('rejected');
    const again = await create('r4', dkk);
    expect(again.body.data.uid).not.toBe(body.data.uid);
    expect((await confirm(again.body.data.uid)).status).toBe(200);
    expect(sandbox.chargedOrders('r4').map((o) => o.uid)).toEqual([again.body.data.uid]);
  });

  it('runs confirmed → processing → final on its clock; a partial order refunds what failed', async () => {
    const clock = fakeClock();
    sandbox = await startGiftHubSandbox({
      clock,
      scenario: { outcome: 'partial', processingAfterMs: 10, settleAfterMs: 20 },
    });
    const { body } = await create('r5', { [sandboxSkus.zalandoEur25]: { quote: 25, quantity: 4 } });
    await confirm(body.data.uid);
    const state = async () => (await call('GET', `/order/get?orderId=${body.data.uid}`)).body.data;
    expect((await state()).state).toBe('confirmed');
    clock.advance(10);
    expect((await state()).state).toBe('processing');
    clock.advance(10);
    const done = await state();
    expect(done.state).toBe('partial');
    expect(done.redeem[sandboxSkus.zalandoEur25].redeemPin).toHaveLength(2);
    expect(done.invoice.total).toBe(50);
    expect(sandbox.balance()).toBe('99950');
    expect(sandbox.orders()[0]).toMatchObject({
      final: true,
      cardsRequested: 4,
      cardsIssued: 2,
      charged: { amount: '50', currency: 'EUR' },
    });
  });

  it('pages its catalog within 5–50 items', async () => {
    sandbox = await startGiftHubSandbox();
    expect((await call('GET', '/shop/products?pageSize=4')).status).toBe(400);
    expect((await call('GET', '/shop/products?pageSize=51')).status).toBe(400);
    const first = await call('GET', '/shop/products?pageSize=5');
    expect(first.body.result).toHaveLength(5);
    const second = await call('GET', `/shop/products?pageSize=5&pageToken=${first.body.nextPageToken}`);
    expect(second.body.result[0].productId).not.toBe(first.body.result[0].productId);
  });

  it('applies the kit faults to its routes', async () => {
    sandbox = await startGiftHubSandbox();
    sandbox.faults.next({ kind: 'status', status: 503 }, { operation: 'getOrder' });
    expect((await call('GET', '/order/get?orderId=x')).status).toBe(503);
    sandbox.faults.next({ kind: 'reset' }, { operation: 'placeOrder' });
    await expect(create('r6', dkk)).rejects.toThrow();
    expect(sandbox.orders()).toEqual([]);
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    await expect(create('r7', dkk)).rejects.toThrow();
    expect(sandbox.orders()).toHaveLength(1);
  });
});
