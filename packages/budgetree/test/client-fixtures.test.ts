import { readFileSync } from 'node:fs';
import { VendorApiError } from '@giftwire/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBudgetree } from '../src/index';

const fixture = (name: string) =>
  readFileSync(new URL(`../src/__fixtures__/${name}`, import.meta.url), 'utf8');

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

/** A client whose every answer comes from the page's own examples, sent as the page shows them. */
function clientAnswering(status: number, body: string) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://api.budgetree.test');
  pool.intercept({ path: '/oauth2/verify', method: 'POST' }).reply(200, { authorizationCode: 'code' });
  pool.intercept({ path: '/oauth2/token', method: 'POST' }).reply(200, { token: 'token' });
  pool
    .intercept({ path: '/rest/v3/orders/1618994976162', method: 'GET' })
    .reply(status, body, { headers: { 'content-type': 'application/json' } });
  const client = createBudgetree({
    clientId: 'id',
    clientSecret: 'secret',
    username: 'user',
    password: 'pass',
    baseUrl: 'https://api.budgetree.test',
    dispatcher: agent,
    env: {},
    maxAttempts: 1,
  });
  return { client, pool };
}

describe("the page's examples through getOrder", () => {
  it('Sample Response 200: COMPLETE, then the activated cards of orderId 333336022', async () => {
    const { client, pool } = clientAnswering(200, fixture('order-status-200.json'));
    pool.intercept({ path: '/rest/v3/order/333336022/cards?limit=500&offset=0', method: 'GET' }).reply(200, {
      cards: [
        {
          sku: 'BT-GIFT-INR',
          cardNumber: '9000111122223333',
          cardPin: '4321',
          amount: 100,
          validity: '2027-06-30',
        },
      ],
      total: 1,
      currency: 'INR',
    });
    const order = await client.getOrder({ reference: '1618994976162' });
    expect(order).toMatchObject({
      vendor: 'budgetree',
      reference: '1618994976162',
      vendorOrderId: '333336022',
      status: 'fulfilled',
      rawStatus: 'COMPLETE',
      cancelWindow: { allowed: true, withinMinutes: 2 },
      lines: [{ productId: 'BT-GIFT-INR', quantity: 1, faceValue: { amount: '100', currency: 'INR' } }],
    });
    const [voucher] = order.lines[0]!.vouchers;
    expect(voucher!.code!.reveal()).toBe('9000111122223333');
    expect(voucher!.pin!.reveal()).toBe('4321');
    expect(voucher!.expiresAt).toBe('2027-06-30');
  });

  it('Sample Response 400: 5320 "Order not available" is not_found, the body never in the message', async () => {
    const { client } = clientAnswering(400, fixture('order-status-400.json'));
    const error = await client.getOrder({ reference: '1618994976162' }).catch((e: unknown) => e);
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_found', vendorCode: '5320', httpStatus: 400, retryable: false });
    expect((error as Error).message).toBe('budgetree: not_found 5320 (HTTP 400): order not available');
    expect((error as VendorApiError).body?.reveal()).toBe(fixture('order-status-400.json'));
  });
});
