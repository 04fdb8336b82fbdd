import { randomUUID } from 'node:crypto';
import type { BambooSandbox, Fault } from '@giftwire/bamboo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * The vendor takes and charges the order, and the answer that comes back is an error that does not prove
 * a refusal: a gateway timeout, a 404/409 from a proxy, a 502 page whose text mentions a reason code. The
 * engine must look the order up and deliver its codes — never record "failed, nothing charged".
 */
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;

beforeAll(async () => {
  sandbox = await startScaledBambooSandbox();
  fulfiller = testFulfiller([scaledBamboo(sandbox)]).fulfiller;
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.stop();
  await sandbox.close();
});

const answers: [string, Fault][] = [
  ['408 Request Timeout', { kind: 'status_after_processing', status: 408 }],
  ['404 Not Found', { kind: 'status_after_processing', status: 404, body: { message: 'Not found' } }],
  ['409 Conflict', { kind: 'status_after_processing', status: 409 }],
  [
    '502 whose text mentions a reason',
    {
      kind: 'status_after_processing',
      status: 502,
      body: { message: 'Bad gateway: upstream said InvalidProductIds' },
    },
  ],
  [
    '400 whose sentence mentions a reason',
    {
      kind: 'status_after_processing',
      status: 400,
      body: { message: 'Request failed (InsufficientBalance?)' },
    },
  ],
];

describe('a placement the vendor took, answered with an error that proves nothing', () => {
  it.each(answers)('%s: the engine finds the order and delivers its codes', async (_name, fault) => {
    sandbox.faults.next(fault, { route: 'placeOrder' });
    const request = {
      reference: randomUUID(),
      lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
    };
    const { order } = await fulfiller.submit({ vendor: 'bamboo', request });
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);

    expect(done.status).toBe('fulfilled');
    const atVendor = sandbox.orders.list().filter((o) => o.requestId === order.reference);
    expect(atVendor).toHaveLength(1);
    const issued = atVendor[0]!.items[0]!.cards.map((c) => c.cardCode);
    expect(done.lines[0]!.vouchers.map((v) => v.code?.reveal())).toEqual(issued);
    const trail = await fulfiller.attempts(order.reference);
    expect(trail.some((a) => a.toState === 'settled' && a.action === 'place')).toBe(false);
    expect(trail.map((a) => `${a.action}:${a.outcome}`)).toContain('place:unknown');
  });

  it('still fails fast on a documented 400 refusal with its reason code in the error body', async () => {
    const request = {
      reference: randomUUID(),
      lines: [{ productId: '500400', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }],
    };
    const { order } = await fulfiller.submit({ vendor: 'bamboo', request });
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);
    expect(done).toMatchObject({ status: 'failed', failure: { code: 'product_unavailable' } });
    expect(sandbox.orders.get(order.reference)).toBeUndefined();
  });
});
