import { randomUUID } from 'node:crypto';
import { isSettled, startVendorWorld, waitForOrder } from '@giftwire/conformance';
import { OutcomeUnknownError } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { budgetreeHarness } from './budgetree-harness';
import { clientFor, orderOf, rejectionOf, startSandbox, waitForFinal } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('a create answer that never arrived, resolved by status', () => {
  it('not taken (reset): status says 5320, the same refno is submitted again, exactly one order', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf(2);
    sandbox.faults.next({ kind: 'reset' }, { operation: 'placeOrder' });
    expect(OutcomeUnknownError.isInstance(await rejectionOf(client.placeOrder(order)))).toBe(true);
    expect(await rejectionOf(client.getOrder({ reference: order.reference }))).toMatchObject({
      code: 'not_found',
      vendorCode: '5320',
    });
    await client.placeOrder(order);
    const done = await waitForFinal(client, order.reference);
    expect(done.status).toBe('fulfilled');
    expect(sandbox.orders().filter((o) => o.reference === order.reference)).toHaveLength(1);
  });

  it('taken (answer dropped): status finds it, COMPLETE → the cards; sending again is 5313', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf(3);
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    expect(OutcomeUnknownError.isInstance(await rejectionOf(client.placeOrder(order)))).toBe(true);
    const done = await waitForFinal(client, order.reference);
    expect(done.lines.flatMap((l) => l.vouchers.map((v) => v.code!.reveal())).sort()).toEqual(
      [...sandbox.issuedSecrets(order.reference).codes].sort(),
    );
    expect(await rejectionOf(client.placeOrder(order))).toMatchObject({ code: 'duplicate_reference' });
    expect(sandbox.orders()).toHaveLength(1);
  });
});

describe('through the engine', () => {
  it('a placement that never landed (5320 on lookup) is resubmitted under the same refno: one order, delivered', async () => {
    const world = await startVendorWorld(budgetreeHarness);
    try {
      world.sandbox.faults.next({ kind: 'status', status: 503 }, { operation: 'placeOrder' });
      const request = budgetreeHarness.sampleRequest(randomUUID(), 2);
      await world.fulfiller.submit({ vendor: 'budgetree', request });
      const done = await waitForOrder(world.fulfiller, request.reference, isSettled, 15_000);
      expect(done.status).toBe('fulfilled');
      const trail = (await world.fulfiller.attempts(request.reference)).map((a) => ({
        step: `${a.action}:${a.outcome}`,
        found: a.detail?.found,
      }));
      expect(trail).toContainEqual({ step: 'place:unknown', found: undefined });
      expect(trail).toContainEqual({ step: 'lookup:ok', found: false });
      expect(world.sandbox.calls('placeOrder')).toBe(2);
      expect(world.sandbox.orders()).toHaveLength(1);
      expect(done.lines.flatMap((l) => l.vouchers.map((v) => v.code!.reveal())).sort()).toEqual(
        [...world.sandbox.issuedSecrets(request.reference).codes].sort(),
      );
    } finally {
      await world.close();
    }
  });

  it('a dropped answer of a taken placement is found by status, then its cards are read', async () => {
    const world = await startVendorWorld(budgetreeHarness);
    try {
      world.sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
      const request = budgetreeHarness.sampleRequest(randomUUID(), 2);
      await world.fulfiller.submit({ vendor: 'budgetree', request });
      const done = await waitForOrder(world.fulfiller, request.reference, isSettled, 15_000);
      expect(done.status).toBe('fulfilled');
      const trail = await world.fulfiller.attempts(request.reference);
      expect(trail.some((a) => a.action === 'lookup' && a.detail?.found === true)).toBe(true);
      expect(world.sandbox.calls('placeOrder')).toBe(1);
      expect(world.sandbox.orders()).toHaveLength(1);
    } finally {
      await world.close();
    }
  });

  it("at Budgetree's own declared deadline (90 s, scaled) a non-COMPLETE order is cancelled at the vendor", async () => {
    // Budgetree's deadline as declared (scaled), polled every 2 s: after an accepted (202) reversal the engine
    // re-reads the order on its own unscaled retry backoff, which grows with the number of polls so far.
    const world = await startVendorWorld(budgetreeHarness, {
      scenario: { outcome: 'pending' },
      limits: () => ({ poll: { initialDelayMs: 2_000, intervalsMs: [2_000] } }),
    });
    try {
      const request = budgetreeHarness.sampleRequest(randomUUID(), 1);
      await world.fulfiller.submit({ vendor: 'budgetree', request });
      expect(world.adapter.limits.deadlineMs).toBe(4_500);
      const done = await waitForOrder(
        world.fulfiller,
        request.reference,
        (o) => isSettled(o) || o.state === 'needs_attention',
        15_000,
      );
      expect(done).toMatchObject({ state: 'settled', status: 'cancelled' });
      expect(world.sandbox.calls('cancelOrder')).toBe(1);
      expect(world.sandbox.orders()[0]).toMatchObject({ status: 'CANCELED', final: true, cardsIssued: 0 });
    } finally {
      await world.close();
    }
  });
});
