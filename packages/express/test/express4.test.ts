import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  expectNothingSecretLogged,
  fileLogs,
  http,
  type Listening,
  NOTIFICATION_SECRET,
  orderBody,
  pollUntil,
  postJson,
} from './support/world';

// Express 4, installed beside 5 under an alias: the router is declared to work with both.
const express4 = createRequire(import.meta.url)('express4') as typeof import('express');

let sandbox: BambooSandbox;
let server: Listening;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    express: express4,
    before: (app) => app.use(express4.json()),
    router: {
      authorize: () => true,
    },
  });
  ({ sandbox, server } = testApp);
});

afterAll(() => testApp.close());

describe('the router on Express 4', () => {
  it('places, settles and reveals an order, rejects bad input and unverified webhooks', async () => {
    const body = orderBody();
    expect((await postJson<RenderedOrder>(`${server.url}/orders`, body, as('e4'))).status).toBe(201);
    const settled = await pollUntil(
      () => http<RenderedOrder>(`${server.url}/orders/${body.reference}`, { headers: as('e4') }),
      (res) => res.body.state === 'settled',
      15_000,
    );
    expect(settled.body.codes).toBe('hidden');
    const revealed = await http<RenderedOrder>(`${server.url}/orders/${body.reference}?reveal=codes`, {
      headers: as('e4'),
    });
    const issued = sandbox.orders.get(body.reference)!.items[0]!.cards.map((c) => c.cardCode);
    expect(revealed.body.lines[0]!.vouchers.map((v) => v.code)).toEqual(issued);

    const bad = await postJson(`${server.url}/orders`, { ...body, lines: [] }, as('e4'));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const hook = await postJson(`${server.url}/webhooks/bamboo`, {
      orderId: 1,
      status: 'Succeeded',
      requestId: body.reference,
      secretKey: `${NOTIFICATION_SECRET}-wrong`,
    });
    expect(hook.status).toBe(401);
    expectNothingSecretLogged(fileLogs.text(), [sandbox]);
  });
});
