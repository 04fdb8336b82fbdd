import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller, WebhookOutcome } from '../../src/create-fulfiller';
import type { OrderStore } from '../../src/store/order-store';
import { NOTIFICATION_SECRET, scaledBamboo, startScaledBambooSandbox } from '../support/bamboo-world';
import { isSettled, needsAttention, testFulfiller, waitForOrder } from '../support/engine-fixtures';

/*
 * The vendor settles an order after the engine's deadline has handed it to a person. Bamboo's notification
 * callback (real HTTP, from the sandbox) must bring the paid codes to the customer — except for an order
 * flagged as not ours (`vendor_order_mismatch`), which nothing reopens automatically.
 */
const SLOW_SETTLE_MS = 2_500;
const slow = new Set<string>();
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let store: OrderStore;
let server: Server;
/** What each delivered callback made the engine do, by reference, so a test can wait for it to finish. */
const handled = new Map<string, Promise<WebhookOutcome>>();
const handledFor = (reference: string) => handled.get(reference);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const outcome = fulfiller.handleWebhook('bamboo', { headers: req.headers, rawBody });
      const { requestId } = JSON.parse(rawBody.toString('utf8')) as { requestId: string };
      handled.set(requestId, outcome);
      outcome.then(
        () => res.writeHead(204).end(),
        () => res.writeHead(401).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sandbox = await startScaledBambooSandbox({
    notification: { url: `http://127.0.0.1:${port}/hooks/bamboo`, secretKey: NOTIFICATION_SECRET },
    scenario: { settleAfterMs: ({ requestId }) => (slow.has(requestId) ? SLOW_SETTLE_MS : 60) },
  });
  const bamboo = scaledBamboo(sandbox);
  // A deadline far shorter than the slow orders take: they go to a person before the vendor settles them.
  const adapter = { ...bamboo, limits: { ...bamboo.limits, deadlineMs: 200 } };
  ({ fulfiller, store } = testFulfiller([adapter]));
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.stop();
  await sandbox.close();
  await new Promise((resolve) => server.close(resolve));
});

async function submitSlowOrder() {
  const request = {
    reference: randomUUID(),
    lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
  };
  slow.add(request.reference);
  const { order } = await fulfiller.submit({ vendor: 'bamboo', request });
  const flagged = await waitForOrder(() => fulfiller.get(order.reference), needsAttention, 10_000);
  expect(flagged.attention?.reason).toBe('deadline_exceeded');
  return order.reference;
}

async function waitForCallback(reference: string): Promise<void> {
  for (;;) {
    const outcome = handledFor(reference);
    if (outcome) {
      await (await outcome).processed;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a verified webhook for an order in needs_attention', () => {
  it('delivers the codes of an order the vendor settled after our deadline', async () => {
    const reference = await submitSlowOrder();
    const done = await waitForOrder(() => fulfiller.get(reference), isSettled, 10_000);
    expect(done.status).toBe('fulfilled');
    expect(done.attention).toBeUndefined();
    const issued = sandbox.orders.get(reference)!.items[0]!.cards.map((c) => c.cardCode);
    expect(done.lines[0]!.vouchers.map((v) => v.code?.reveal())).toEqual(issued);
    expect(sandbox.orders.list().filter((o) => o.requestId === reference)).toHaveLength(1);
  });

  it('flags, and never delivers, a late vendor order under our reference that is not what we asked for', async () => {
    // An order whose placement outcome was never resolved; the vendor holds one card where we asked for three.
    const reference = randomUUID();
    slow.add(reference);
    const at = new Date().toISOString();
    const request = {
      reference,
      lines: [{ productId: '439685', quantity: 3, faceValue: { amount: '10', currency: 'USD' } }],
    };
    await store.create(
      {
        reference,
        vendor: 'bamboo',
        state: 'needs_attention',
        status: 'pending',
        request,
        requestHash: 'test',
        attention: { reason: 'outcome_unresolved', message: 'unresolved', at },
        placeAttempts: 8,
        pollCount: 0,
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      { reference, at, action: 'submit', fromState: null, toState: 'needs_attention', outcome: 'ok' },
    );
    await scaledBamboo(sandbox).placeOrder({ ...request, lines: [{ ...request.lines[0]!, quantity: 1 }] });

    await waitForCallback(reference);
    const after = await fulfiller.get(reference);
    expect(after).toMatchObject({ state: 'needs_attention', attention: { reason: 'vendor_order_mismatch' } });
    expect(after!.lines.flatMap((line) => line.vouchers).filter((v) => v.code)).toHaveLength(0);
    const trail = (await fulfiller.attempts(reference)).map((a) => `${a.action}:${a.outcome}`);
    expect(trail).toEqual(['submit:ok', 'webhook:error']);
  });

  it('never reopens an order flagged vendor_order_mismatch', async () => {
    const reference = await submitSlowOrder();
    // Flag it the way adoption matching does when the vendor's order under our reference is not ours.
    const record = (await store.get(reference))!;
    const flagged = await store.transition(
      {
        ...record,
        attention: { reason: 'vendor_order_mismatch', message: 'not ours', at: new Date().toISOString() },
        version: record.version + 1,
      },
      record.version,
      {
        reference,
        at: new Date().toISOString(),
        action: 'poll',
        fromState: 'needs_attention',
        toState: 'needs_attention',
        outcome: 'error',
      },
    );
    expect(flagged).toBeTruthy();

    await waitForCallback(reference);
    const after = await fulfiller.get(reference);
    expect(after).toMatchObject({ state: 'needs_attention', attention: { reason: 'vendor_order_mismatch' } });
    expect(after!.lines.flatMap((line) => line.vouchers).filter((v) => v.code)).toHaveLength(0);
  });
});
