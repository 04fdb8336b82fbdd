import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBamboo } from './create-bamboo';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const BASE = 'https://api.bamboocardportal.com';

describe('createBamboo through an injected dispatcher, with the docs examples', () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  afterEach(() => agent.assertNoPendingInterceptors());

  const bamboo = createBamboo({
    clientId: 'YOUR_CLIENT_ID',
    clientSecret: 'YOUR_CLIENT_SECRET',
    accountId: 555,
    dispatcher: agent,
    env: {},
  });

  it('sends the documented Place Order request and reads the bare-string answer', async () => {
    let sent: unknown;
    let headers: Record<string, string> = {};
    // The product is checked against the catalog before anything is placed.
    agent
      .get(BASE)
      .intercept({ path: /^\/api\/integration\/v2\.0\/catalog\?.*ProductId=439685/, method: 'GET' })
      .reply(200, {
        pageIndex: 0,
        pageSize: 100,
        count: 1,
        items: [
          {
            name: 'Brand',
            countryCode: 'BH',
            currencyCode: 'USD',
            products: [{ id: 439685, name: 'Card', minFaceValue: 5, maxFaceValue: 500, count: null }],
          },
        ],
      });
    agent
      .get(BASE)
      .intercept({ path: '/api/integration/v1.0/orders/checkout', method: 'POST' })
      .reply(200, (options) => {
        sent = JSON.parse(String(options.body));
        headers = options.headers as Record<string, string>;
        // The docs' sample answer, for the docs' sample request.
        return fixture('place-order-response.json');
      });
    const placed = await bamboo.placeOrder({
      reference: '97018cf7-98f5-40fc-a142-711d43a72e17',
      lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
    });
    expect(sent).toEqual(JSON.parse(fixture('place-order-request.json')));
    expect(placed).toEqual({ reference: '71ac2817-e51a-438a-bb7b-5ffdda23603c' });
    const basic = Buffer.from('YOUR_CLIENT_ID:YOUR_CLIENT_SECRET').toString('base64');
    expect(headers.authorization).toBe(`Basic ${basic}`);
    expect(headers['user-agent']).toMatch(/^giftwire-bamboo\/\d+\.\d+\.\d+/);
  });

  it('reads the documented Get Order example', async () => {
    agent
      .get(BASE)
      .intercept({ path: '/api/integration/v1.0/orders/71ac2817-e51a-438a-bb7b-5ffdda23603c', method: 'GET' })
      .reply(200, fixture('get-order-response.json'), { headers: { 'content-type': 'application/json' } });
    const order = await bamboo.getOrder({ reference: '71ac2817-e51a-438a-bb7b-5ffdda23603c' });
    expect(order.status).toBe('fulfilled');
    expect(order.charged).toEqual({ amount: '18.9401', currency: 'USD' });
  });

  it('turns an unexpected Get Order shape into invalid_response without echoing the body', async () => {
    agent
      .get(BASE)
      .intercept({ path: '/api/integration/v1.0/orders/71ac2817-e51a-438a-bb7b-5ffdda23603c', method: 'GET' })
      .reply(
        200,
        JSON.stringify({ requestId: 'x', status: 'Succeeded', items: [{ cards: [{ cardCode: 'LEAKME' }] }] }),
      );
    const error = await bamboo
      .getOrder({ reference: '71ac2817-e51a-438a-bb7b-5ffdda23603c' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(String((error as Error).message)).not.toContain('LEAKME');
    expect((error as { invalidPaths: string[] }).invalidPaths).toContain('items.0.productId');
  });
});
