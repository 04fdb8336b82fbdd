import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Secret } from '@giftwire/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createGiftHub, giftHubOrderEnvelopeSchema, mapGiftHubOrder } from '../src/index';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const body = fixture('retrieve-order-response.json');
const VOUCHER = 'MV97-QWEK-4EQ5-0082-GRW3';

describe("the Retrieve Order page's example response", () => {
  const order = mapGiftHubOrder(giftHubOrderEnvelopeSchema.parse(JSON.parse(body)).data);

  it('maps the order, field by field', () => {
    expect(order.vendor).toBe('gifthub');
    expect(order.vendorOrderId).toBe('IW63OjZJW9eI21KJ1ohy');
    expect(order.reference).toBe('Test Referance');
    expect(order.status).toBe('fulfilled');
    expect(order.rawStatus).toBe('successful');
    expect(order.unrecognizedStatus).toBeUndefined();
    expect(order.failure).toBeUndefined();
    expect(order.charged).toEqual({ amount: '134.11', currency: 'EUR' });
  });

  it('converts both timestamps exactly, to the nanosecond', () => {
    expect(order.placedAt).toBe('2024-04-21T17:02:30.921000000Z');
    expect(order.updatedAt).toBe('2024-04-21T17:02:38.712000000Z');
  });

  it('has one line at the face value in the product currency, with one voucher', () => {
    expect(order.lines).toHaveLength(1);
    const [line] = order.lines;
    expect(line!.productId).toBe('gc035-208-1000');
    expect(line!.quantity).toBe(1);
    expect(line!.faceValue).toEqual({ amount: '1000', currency: 'DKK' });
    expect(line!.vouchers).toHaveLength(1);
    const [voucher] = line!.vouchers;
    expect(voucher!.status).toBe('issued');
    expect(voucher!.faceValue).toEqual({ amount: '1000', currency: 'DKK' });
    expect(Secret.isInstance(voucher!.code)).toBe(true);
    expect(voucher!.code!.reveal()).toBe(VOUCHER);
    expect(voucher!.claimUrl!.reveal()).toBe('https://www.mocked.link/');
    expect(voucher!.pin).toBeUndefined();
  });

  it('shows the voucher only through reveal()', () => {
    for (const view of [
      JSON.stringify(order),
      inspect(order, { depth: 10 }),
      String(order.lines[0]!.vouchers[0]!.code),
    ]) {
      expect(view).not.toContain(VOUCHER);
      expect(view).not.toContain('mocked.link');
    }
  });

  it('keeps the exchange rate, the FX invoice records and the deal for reconciliation', () => {
    const r = order.reconciliation;
    expect(r.wallet).toBe('EUR');
    expect(r.invoiceStatus).toBe('paid');
    expect(r.paymentMethod).toBe('balance');
    expect(r.exchangeRates).toEqual([
      {
        baseCurrency: 'EUR',
        targetCurrency: 'DKK',
        rate: '7.456803455723542',
        modifiedAt: '2024-04-21T12:00:02.866000000Z',
      },
    ]);
    expect(r.deals).toEqual([
      {
        sku: 'gc035-208-1000',
        dealState: 'ACTIVE',
        fee: { amount: '0', mode: 'percentage' },
        discount: { amount: '0', mode: 'percentage' },
      },
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.sku).toBe('gc035-208-1000');
    expect(r.records[0]!.totals).toEqual([
      { amount: '134.11', currency: 'EUR' },
      { amount: '0', currency: 'DKK' },
    ]);
    expect(r.records[0]!.items).toEqual([
      { type: 'main-product', description: 'Adidas DK-1000', effect: { amount: '1000', currency: 'DKK' } },
      {
        type: 'exchange-target-currency',
        description: 'Even out target currency: DKK',
        effect: { amount: '-1000', currency: 'DKK' },
      },
      {
        type: 'exchange-base-currency',
        description: 'Payment in base currency: DKK',
        effect: { amount: '134.11', currency: 'EUR' },
      },
    ]);
    expect(r.failedSkus).toEqual([]);
  });
});

describe("the Retrieve Order page's example request", () => {
  let agent: MockAgent | undefined;
  afterEach(async () => {
    await agent?.close();
  });

  it('is what getOrder sends, and the answer is the example', async () => {
    // curl -X GET "{{base_url}}/order/get?orderId=xNQolCGOWz6s79hcmyKE"
    const curl = fixture('retrieve-order-request.txt');
    const path = /\{\{base_url\}\}([^"]+)"/.exec(curl)![1]!;
    expect(path).toBe('/order/get?orderId=xNQolCGOWz6s79hcmyKE');
    agent = new MockAgent();
    agent.disableNetConnect();
    let seenKey: unknown;
    agent
      .get('https://gifthub.test')
      .intercept({ method: 'GET', path })
      .reply((options) => {
        seenKey = (options.headers as Record<string, string>)['x-api-key'];
        return {
          statusCode: 200,
          data: body,
          responseOptions: { headers: { 'content-type': 'application/json' } },
        };
      });
    const client = createGiftHub({
      apiKey: 'key-1',
      baseUrl: 'https://gifthub.test',
      dispatcher: agent,
      env: {},
    });
    const order = await client.getOrder({
      reference: 'Test Referance',
      vendorOrderId: 'xNQolCGOWz6s79hcmyKE',
    });
    expect(seenKey).toBe('key-1');
    expect(order.charged).toEqual({ amount: '134.11', currency: 'EUR' });
    expect(order.lines[0]!.vouchers[0]!.code!.reveal()).toBe(VOUCHER);
  });
});
