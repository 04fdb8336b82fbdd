import { randomUUID } from 'node:crypto';
import type { BambooSandbox } from '@giftwire/bamboo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fulfiller } from '../../src/create-fulfiller';
import { scaledBamboo, startScaledBambooSandbox, startWebhookEndpoint } from '../support/bamboo-world';
import { isSettled, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { captureLogs } from '../support/log-capture';

const PRODUCTS = ['439685', '500200'];
const outcomes = new Map<string, 'PartialFailed' | 'Failed'>();
const logs = captureLogs();
let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let hooks: Awaited<ReturnType<typeof startWebhookEndpoint>>;

function bambooRequest(productId: string, quantity = 1) {
  const amount = productId === '500200' ? '25' : '10';
  return {
    reference: randomUUID(),
    lines: [{ productId, quantity, faceValue: { amount, currency: 'USD' } }],
  };
}

beforeAll(async () => {
  hooks = await startWebhookEndpoint(() => fulfiller);
  sandbox = await startScaledBambooSandbox({
    notification: { url: hooks.url, secretKey: 'engine-test-secret' },
    scenario: { outcome: ({ requestId }) => outcomes.get(requestId) ?? 'Succeeded' },
  });
  fulfiller = testFulfiller([scaledBamboo(sandbox)], { logger: logs.logger }).fulfiller;
  await fulfiller.start();
});

afterAll(async () => {
  await fulfiller.stop();
  await sandbox.close();
  await hooks.close();
});

describe('the engine against the Bamboo sandbox over HTTP', () => {
  it('fulfils a batch exactly once each, inside the rate limits, with the codes the sandbox issued', async () => {
    const submitted = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        fulfiller.submit({
          vendor: 'bamboo',
          request: bambooRequest(PRODUCTS[i % 2]!, 2),
          customerId: `c${i}`,
        }),
      ),
    );
    const settled = await Promise.all(
      submitted.map(({ order }) => waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000)),
    );
    for (const order of settled) {
      expect(order.status).toBe('fulfilled');
      const issued = sandbox.orders.get(order.reference)!.items[0]!.cards.map((c) => c.cardCode);
      expect(order.lines[0]!.vouchers.map((v) => v.code?.reveal())).toEqual(issued);
    }
    const references = new Set(submitted.map((s) => s.order.reference));
    const atVendor = sandbox.orders.list().filter((o) => references.has(o.requestId));
    expect(atVendor).toHaveLength(24);
    expect(sandbox.violations).toEqual([]);
  });

  it('resolves a dropped placement response by lookup: one vendor order', async () => {
    sandbox.faults.next({ kind: 'drop_response' }, { route: 'placeOrder' });
    const { order } = await fulfiller.submit({ vendor: 'bamboo', request: bambooRequest('439685') });
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);
    expect(done.status).toBe('fulfilled');
    expect(sandbox.orders.list().filter((o) => o.requestId === order.reference)).toHaveLength(1);
    const trail = (await fulfiller.attempts(order.reference)).map((a) => `${a.action}:${a.outcome}`);
    expect(trail).toEqual(expect.arrayContaining(['place:unknown', 'lookup:ok']));
  });

  it('reports a PartialFailed order with what was not charged', async () => {
    const request = bambooRequest('439685', 4);
    outcomes.set(request.reference, 'PartialFailed');
    const { order } = await fulfiller.submit({ vendor: 'bamboo', request });
    const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);
    expect(done.status).toBe('partially_fulfilled');
    expect(done.settlement).toMatchObject({
      issued: 2,
      failed: 2,
      notCharged: [{ amount: '20', currency: 'USD' }],
    });
    expect(done.charged).toEqual({ amount: '20', currency: 'USD' });
  });

  it("settles from Bamboo's notification callback (verified, then re-fetched)", async () => {
    const { order } = await fulfiller.submit({ vendor: 'bamboo', request: bambooRequest('500200') });
    await waitForOrder(() => fulfiller.get(order.reference), isSettled, 30_000);
    // The callback for this order arrived and was recorded; a duplicate is ignored.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const trail = await fulfiller.attempts(order.reference);
    expect(trail.some((a) => a.action === 'poll')).toBe(true);
  });

  it('never logs a code, PIN or credential', () => {
    const text = logs.text();
    expect(text).toContain('order transition');
    const { codes, pins } = sandbox.issuedSecrets();
    // PINs are 3–4 digits: too short to look for in free text without false alarms.
    const secrets = [...codes, ...pins].filter((s) => s.length >= 6);
    expect(secrets.length).toBeGreaterThan(40);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('sandbox-secret');
    expect(text).not.toContain('engine-test-secret');
  });
});
