import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedOrderStore } from '@giftwire/engine';
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
  orderBody,
  pollUntil,
  postJson,
} from './support/world';

let dataDir: string;
let sandbox: BambooSandbox;
let server: Listening;

let testApp: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'giftwire-express-'));
  testApp = await startTestApp({
    fulfiller: { store: createEmbeddedOrderStore({ dataDir }) },
    mountPath: '/shop/giftwire',
    router: {
      authorize: () => true,
    },
  });
  ({ sandbox, server } = testApp);
});

afterAll(async () => {
  await testApp.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the router over the embedded (PGlite) store', () => {
  it('places, settles, reads, reveals and lists an order, mounted under a path', async () => {
    const base = `${server.url}/shop/giftwire`;
    expect((await http(`${base}/health`)).body).toEqual({ status: 'ok', store: 'ok', scheduler: 'running' });
    const body = orderBody();
    const created = await postJson<RenderedOrder>(`${base}/orders`, body, as('pg'));
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/shop/giftwire/orders/${body.reference}`);
    expect((await postJson(`${base}/orders`, body, as('pg'))).status).toBe(200);

    const settled = await pollUntil(
      () => http<RenderedOrder>(`${base}/orders/${body.reference}`, { headers: as('pg') }),
      (res) => res.body.state === 'settled',
      15_000,
    );
    const cards = sandbox.orders.get(body.reference)!.items[0]!.cards;
    for (const card of cards) expect(settled.text).not.toContain(card.cardCode);

    const revealed = await http<RenderedOrder>(`${base}/orders/${body.reference}?reveal=codes`, {
      headers: as('pg'),
    });
    expect(revealed.body.lines[0]!.vouchers.map((v) => v.code)).toEqual(cards.map((c) => c.cardCode));

    const list = await http<{ orders: RenderedOrder[] }>(`${base}/orders`, { headers: as('pg') });
    expect(list.body.orders.map((o) => o.reference)).toEqual([body.reference]);
    expect((await http(`${base}/orders/${body.reference}`, { headers: as('other') })).status).toBe(404);
  });
});

describe('logs', () => {
  it('hold no code, PIN or credential from anything this file did', () => {
    expect(fileLogs.text().length).toBeGreaterThan(0);
    expectNothingSecretLogged(fileLogs.text(), [sandbox]);
  });
});
