import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { dumpPostgresTables } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { createPostgresOrderStore } from '../../src/postgres/index';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';
import { createTestDatabase, type TestDatabase } from '../stores/postgres-test-database';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { captureLogs } from '../support/log-capture';

/*
 * Bamboo's free-text fields — errorMessage, status words, serial numbers, card ids — are the vendor's words,
 * not ours. If a vendor ever put a code there, it must stay sealed with the cards: in no plain column, no
 * attempt log, no public view, no log line.
 */

/** Secret-looking markers, one per free-text field the sandbox is made to fill. */
const MARK = {
  errorMessage: 'GWMARK-ERRMSG-7f3a91c4e2',
  orderStatus: 'GWMARK-ORDSTATUS-52be07d1aa',
  cardStatus: 'GWMARK-CARDSTATUS-0c94d3e6b1',
  serial: 'GWMARK-SERIAL-a81f2c7d09',
  cardId: 'GWMARK-CARDID-3e5b9f14c6',
};
const MARKERS = Object.values(MARK);

interface BambooCardJson {
  id: unknown;
  serialNumber: unknown;
  status: string;
}
interface BambooOrderJson {
  requestId: string;
  status: string;
  errorMessage: unknown;
  items: { cards: BambooCardJson[] }[];
}

let sandbox: BambooSandbox;
let database: TestDatabase;
let fulfiller: Fulfiller;
const logs = captureLogs();
const events: FulfillmentOrder[] = [];

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  database = await createTestDatabase();
  fulfiller = testFulfiller([scaledBamboo(sandbox)], {
    store: createPostgresOrderStore({ connectionString: database.connectionString }),
    logger: logs.logger,
  }).fulfiller;
  fulfiller.on('order.updated', (order) => {
    events.push(order);
  });
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.close();
  await sandbox.close();
  await database.drop();
});

/**
 * Makes Get Order of `reference` carry the markers: the first answers with unknown status words (the engine
 * keeps polling, recording what it saw), later ones with the real status and markers in every other field.
 */
function plantMarkers(reference: string): () => number {
  let calls = 0;
  sandbox.faults.next(
    {
      kind: 'rewrite',
      rewrite: (json) => {
        const order = json as BambooOrderJson;
        if (order.requestId !== reference) return order;
        calls += 1;
        const early = calls <= 2;
        if (early) order.status = MARK.orderStatus;
        order.errorMessage = MARK.errorMessage;
        for (const item of order.items) {
          for (const card of item.cards) {
            card.serialNumber = MARK.serial;
            card.id = MARK.cardId;
            if (early) card.status = MARK.cardStatus;
          }
        }
        return order;
      },
    },
    { route: 'getOrder', times: 10_000 },
  );
  return () => calls;
}

describe('vendor free text stays sealed', () => {
  it('markers in errorMessage, status words, serials and card ids reach no plain column, log or view', async () => {
    const reference = randomUUID();
    const answered = plantMarkers(reference);
    try {
      const lines = [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }];
      await fulfiller.submit({ vendor: 'bamboo', request: { reference, lines }, customerId: 'c1' });
      const order = await waitForOrder(() => fulfiller.get(reference), isSettled, 30_000);
      expect(order.status).toBe('fulfilled');
      expect(order.lines[0]?.vouchers.every((v) => v.status === 'issued' && v.code)).toBe(true);

      const attempts = await fulfiller.attempts(reference);
      // The engine did see the unknown words (it polled through them), and wrote only normalized ones.
      expect(answered()).toBeGreaterThanOrEqual(3);
      expect(attempts.filter((a) => a.action === 'poll').length).toBeGreaterThanOrEqual(3);
      const listed = await fulfiller.list({ limit: 500 });
      const dump = await dumpPostgresTables(database.connectionString);
      const shown: [string, string][] = [
        ['store tables', dump],
        ['attempt log', JSON.stringify(attempts)],
        ['public view JSON', JSON.stringify(order)],
        ['public view inspect', inspect(order, { depth: 10 })],
        ['list', JSON.stringify(listed) + inspect(listed, { depth: 10 })],
        ['events', JSON.stringify(events) + inspect(events, { depth: 10 })],
        ['logs', logs.text()],
      ];
      for (const [where, text] of shown) {
        for (const marker of MARKERS) expect(text, `${marker} in ${where}`).not.toContain(marker);
      }
      // What customers see of a failure is a code and giftwire's own words.
      expect(order.failure?.code).toBe('vendor_partial');

      // Sealed, not dropped: staff see exactly what the vendor wrote.
      const staff = await fulfiller.inspect(reference);
      const vendorText = JSON.stringify(staff?.vendorOrder);
      for (const marker of [MARK.errorMessage, MARK.serial, MARK.cardId])
        expect(vendorText).toContain(marker);
    } finally {
      sandbox.faults.clear();
    }
  });
});
