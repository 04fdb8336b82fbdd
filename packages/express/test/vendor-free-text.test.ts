import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  type Fulfiller,
  http,
  orderBody,
  pollUntil,
  postJson,
} from './support/world';

/*
 * The vendor's free text (errorMessage, status words, serials, card ids) is not ours to show: if a vendor ever
 * put a code there, an Express response must not carry it, with codes hidden or revealed.
 */

const MARKERS = {
  errorMessage: 'GWMARK-ERRMSG-44c1d0a9b7',
  serial: 'GWMARK-SERIAL-9d20e6f3c1',
  cardId: 'GWMARK-CARDID-b7e15a02d4',
  status: 'GWMARK-STATUS-1f8c3b6e90',
};

let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let base: string;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    router: {
      basePath: '/gw',
      authorize: () => true,
    },
  });
  ({ sandbox, fulfiller, base } = testApp);
});

afterAll(() => testApp.close());

describe('vendor free text never reaches an Express response', () => {
  it('markers in errorMessage, status words, serials and card ids are in no response', async () => {
    const reference = randomUUID();
    let calls = 0;
    sandbox.faults.next(
      {
        kind: 'rewrite',
        rewrite: (json) => {
          const order = json as {
            requestId: string;
            status: string;
            errorMessage: unknown;
            items: { cards: { id: unknown; serialNumber: unknown; status: string }[] }[];
          };
          if (order.requestId !== reference) return order;
          calls += 1;
          if (calls <= 2) order.status = MARKERS.status;
          order.errorMessage = MARKERS.errorMessage;
          for (const card of order.items.flatMap((item) => item.cards)) {
            card.serialNumber = MARKERS.serial;
            card.id = MARKERS.cardId;
          }
          return order;
        },
      },
      { route: 'getOrder', times: 10_000 },
    );
    try {
      const posted = await postJson<RenderedOrder>(`${base}/orders`, orderBody({ reference }), as('alice'));
      expect(posted.status).toBe(201);
      await pollUntil(
        () => fulfiller.get(reference),
        (o) => o?.state === 'settled',
      );
      const hidden = await http<RenderedOrder>(`${base}/orders/${reference}`, { headers: as('alice') });
      const revealed = await http<RenderedOrder>(`${base}/orders/${reference}?reveal=codes`, {
        headers: as('alice'),
      });
      const list = await http(`${base}/orders`, { headers: as('alice') });
      expect(list.status).toBe(200);
      expect(revealed.body.lines[0]?.vouchers[0]?.code).toBeDefined();
      for (const answer of [posted, hidden, revealed, list]) {
        const text = JSON.stringify(answer.body);
        for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
      }
    } finally {
      sandbox.faults.clear();
    }
  });
});
