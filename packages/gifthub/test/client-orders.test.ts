import { OutcomeUnknownError, ValidationError, VendorApiError } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type GiftHubSandbox, type Outcome, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';
import { clientFor, fakeClock, orderOf, rejectionOf, stopBeforeSend, waitForFinal } from './client-helpers';

const sandboxes: GiftHubSandbox[] = [];
async function sandboxWith(options: Parameters<typeof startGiftHubSandbox>[0] = {}) {
  const sandbox = await startGiftHubSandbox({
    ...options,
    scenario: { processingAfterMs: 5, settleAfterMs: 30, ...options.scenario },
  });
  sandboxes.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

const dkk = () => orderOf(sandboxSkus.adidasDk1000, '1000', 'DKK');
const eur = (quantity = 1) => orderOf(sandboxSkus.zalandoEur25, '25', 'EUR', quantity);

describe('placeOrder: create, then confirm', () => {
  it('creates under our reference, confirms, and reports both sends through onSend', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = dkk();
    const sends: number[] = [];
    const result = await client.placeOrder(request, {
      onSend: () => {
        sends.push(sandbox.calls('any'));
      },
    });
    // Before the create nothing had arrived; before the confirm only the create had.
    expect(sends).toEqual([0, 1]);
    expect(result.reference).toBe(request.reference);
    const held = sandbox.orders.get(request.reference)!;
    expect(result.vendorOrderId).toBe(held.uid);
    expect(held.reference).toBe(request.reference);
    expect(held.lines.map((l) => [l.sku, l.quote.toFixed(), l.quantity])).toEqual([
      [sandboxSkus.adidasDk1000, '1000', 1],
    ]);
    expect(sandbox.calls('placeOrder')).toBe(1);
  });

  it('charges the page’s FX amount: 1000 DKK at 7.456803455723542 is 134.11 EUR', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = dkk();
    const { vendorOrderId } = await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference, vendorOrderId!);
    expect(order.charged).toEqual({ amount: '134.11', currency: 'EUR' });
    expect(order.lines[0]!.faceValue).toEqual({ amount: '1000', currency: 'DKK' });
    expect(order.reconciliation.exchangeRates[0]).toMatchObject({
      targetCurrency: 'DKK',
      rate: '7.456803455723542',
    });
    expect(sandbox.balance()).toBe('99865.89');
  });
});

describe('every state, over real HTTP', () => {
  it('created and confirmed are pending, processing is processing', async () => {
    const clock = fakeClock();
    const sandbox = await sandboxWith({ clock, scenario: { processingAfterMs: 100, settleAfterMs: 1_000 } });
    const client = clientFor(sandbox);
    const request = eur();
    const stop = stopBeforeSend(2);
    await rejectionOf(client.placeOrder(request, stop));
    const uid = sandbox.orders.get(request.reference)!.uid;
    const created = await client.getOrder({ reference: request.reference, vendorOrderId: uid });
    expect([created.status, created.rawStatus]).toEqual(['pending', 'created']);
    expect(created.lines[0]!.vouchers).toEqual([]);

    await client.placeOrder(request);
    const confirmed = await client.getOrder({ reference: request.reference, vendorOrderId: uid });
    expect([confirmed.status, confirmed.rawStatus]).toEqual(['pending', 'confirmed']);
    clock.advance(100);
    const processing = await client.getOrder({ reference: request.reference, vendorOrderId: uid });
    expect([processing.status, processing.rawStatus]).toEqual(['processing', 'processing']);
    clock.advance(900);
    const done = await client.getOrder({ reference: request.reference, vendorOrderId: uid });
    expect([done.status, done.rawStatus]).toEqual(['fulfilled', 'successful']);
  });

  it.each<[Outcome, string, number, number]>([
    ['successful', 'fulfilled', 4, 0],
    ['partial', 'partially_fulfilled', 2, 2],
    ['failed', 'failed', 0, 4],
    ['rejected', 'failed', 0, 4],
  ])('%s maps to %s, keeping which SKUs failed', async (outcome, status, issued, failed) => {
    const sandbox = await sandboxWith({ scenario: { outcome, processingAfterMs: 5, settleAfterMs: 30 } });
    const client = clientFor(sandbox);
    const request = eur(4);
    const { vendorOrderId } = await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference, vendorOrderId!);
    expect(order.status).toBe(status);
    expect(order.rawStatus).toBe(outcome);
    const vouchers = order.lines.flatMap((l) => l.vouchers);
    expect(vouchers.filter((v) => v.status === 'issued')).toHaveLength(issued);
    expect(vouchers.filter((v) => v.status === 'failed')).toHaveLength(failed);
    const codes = vouchers.flatMap((v) => (v.code ? [v.code.reveal()] : [])).sort();
    expect(codes).toEqual([...sandbox.issuedSecrets(request.reference).codes].sort());
    if (failed > 0) {
      expect(order.reconciliation.failedSkus).toEqual([sandboxSkus.zalandoEur25]);
      expect(order.failure?.code).toBe(
        `vendor_${outcome === 'partial' ? 'partial' : outcome === 'rejected' ? 'rejected' : 'failed'}`,
      );
      expect(order.failure?.message).toContain(sandboxSkus.zalandoEur25);
    } else {
      expect(order.failure).toBeUndefined();
    }
    // What failed is not charged.
    expect(order.charged).toEqual({ amount: String(25 * issued), currency: 'EUR' });
  });
});

describe('both redeem shapes', () => {
  it("the page's redeemPin[] + redeemLink: one code per entry, the SKU's link as claim URL", async () => {
    const sandbox = await sandboxWith({
      scenario: { redeemShape: 'pins', processingAfterMs: 5, settleAfterMs: 20 },
    });
    const client = clientFor(sandbox);
    const request = eur(2);
    const { vendorOrderId } = await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference, vendorOrderId!);
    const issued = sandbox.issuedSecrets(request.reference);
    const vouchers = order.lines[0]!.vouchers;
    expect(vouchers.map((v) => v.code!.reveal())).toEqual(issued.codes);
    expect(vouchers.map((v) => v.claimUrl!.reveal())).toEqual([issued.urls[0], issued.urls[0]]);
    expect(vouchers.every((v) => v.pin === undefined)).toBe(true);
  });

  it('the redeem reference cards[]: code, PIN, link, serial and expiry per card', async () => {
    const sandbox = await sandboxWith({
      scenario: { redeemShape: 'cards', processingAfterMs: 5, settleAfterMs: 20 },
    });
    const client = clientFor(sandbox);
    const request = eur(2);
    const { vendorOrderId } = await client.placeOrder(request);
    const order = await waitForFinal(client, request.reference, vendorOrderId!);
    const issued = sandbox.issuedSecrets(request.reference);
    const held = sandbox.orders.get(request.reference)!;
    const vouchers = order.lines[0]!.vouchers;
    expect(vouchers.map((v) => v.code!.reveal())).toEqual(issued.codes);
    expect(vouchers.map((v) => v.pin!.reveal())).toEqual(issued.pins);
    expect(vouchers.map((v) => v.claimUrl!.reveal())).toEqual(issued.urls);
    expect(vouchers.map((v) => v.serial)).toEqual(held.lines[0]!.cards.map((c) => c.serial));
    expect(vouchers.map((v) => v.expiresAt)).toEqual(held.lines[0]!.cards.map((c) => c.expirationDate));
  });
});

describe('recovery: one order, charged once', () => {
  it('a create without its confirm is found again by reference and confirmed, never created twice', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = dkk();
    await rejectionOf(client.placeOrder(request, stopBeforeSend(2)));
    expect(sandbox.orders.get(request.reference)!.state).toBe('created');
    expect(sandbox.chargedOrders(request.reference)).toEqual([]);

    const again = await client.placeOrder(request);
    expect(again.vendorOrderId).toBe(sandbox.orders.get(request.reference)!.uid);
    expect(sandbox.orders().filter((o) => o.reference === request.reference)).toHaveLength(1);
    expect(sandbox.chargedOrders(request.reference)).toHaveLength(1);
    const order = await waitForFinal(client, request.reference, again.vendorOrderId!);
    expect(order.status).toBe('fulfilled');
  });

  it('a dropped answer to the create is unknown; placing again confirms the held order once', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = dkk();
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    const error = await rejectionOf(client.placeOrder(request));
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect(sandbox.orders.get(request.reference)!.state).toBe('created');

    const { vendorOrderId } = await client.placeOrder(request);
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.chargedOrders()).toHaveLength(1);
    expect((await waitForFinal(client, request.reference, vendorOrderId!)).charged).toEqual({
      amount: '134.11',
      currency: 'EUR',
    });
    expect(sandbox.balance()).toBe('99865.89');
  });

  it('a dropped answer to the confirm is resolved by reading the order: placed, charged once', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = dkk();
    let sends = 0;
    const result = await client.placeOrder(request, {
      onSend: () => {
        sends += 1;
        // The confirm is the next request to arrive: its answer is lost after GiftHub confirmed.
        if (sends === 2) sandbox.faults.next({ kind: 'drop_response' }, { operation: 'any' });
      },
    });
    expect(sends).toBe(2);
    expect(result.vendorOrderId).toBe(sandbox.orders.get(request.reference)!.uid);
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.chargedOrders()).toHaveLength(1);
    // Placing again (as the engine does after an unknown outcome) finds the confirmed order: no error.
    const before = sandbox.calls('any');
    const replay = await client.placeOrder(request);
    expect(sandbox.calls('any') - before).toBe(1); // the create only: nothing confirmed twice
    expect(replay.vendorOrderId).toBe(result.vendorOrderId);
    expect(replay.order?.rawStatus).toMatch(/^(confirmed|processing|successful)$/);
    expect(sandbox.chargedOrders()).toHaveLength(1);
    expect(sandbox.balance()).toBe('99865.89');
  });

  it('a create answer too short to check is checked against the order itself before the confirm', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = eur(2);
    sandbox.faults.next(
      {
        kind: 'rewrite',
        rewrite: (body) => {
          const b = body as { data: Record<string, unknown> };
          return { message: 'Order created', data: { uid: b.data.uid, state: b.data.state } };
        },
      },
      { operation: 'placeOrder' },
    );
    const reads = sandbox.calls('getOrder');
    const result = await client.placeOrder(request);
    expect(sandbox.calls('getOrder') - reads).toBe(1);
    expect(result.vendorOrderId).toBe(sandbox.orders.get(request.reference)!.uid);
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });

  it('a dropped confirm whose order cannot be read either is unknown; placing again finds it confirmed', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox, { maxAttempts: 1 });
    const request = eur();
    let sends = 0;
    const error = await rejectionOf(
      client.placeOrder(request, {
        onSend: () => {
          sends += 1;
          if (sends === 2) {
            sandbox.faults.next({ kind: 'drop_response' }, { operation: 'any' });
            sandbox.faults.next({ kind: 'status', status: 503 }, { operation: 'getOrder' });
          }
        },
      }),
    );
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    const replay = await client.placeOrder(request);
    expect(replay.order?.rawStatus).toMatch(/confirmed|processing|successful/);
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });

  it('a second confirm of a confirmed order is not an error', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const request = eur();
    await client.placeOrder(request);
    // The create answers as if the order still waited for its confirm; GiftHub refuses the second confirm.
    sandbox.faults.next(
      {
        kind: 'rewrite',
        rewrite: (body) => {
          const b = body as { data: { state: string } };
          b.data.state = 'created';
          return b;
        },
      },
      { operation: 'placeOrder' },
    );
    const before = sandbox.calls('any');
    const again = await client.placeOrder(request);
    // create, the refused second confirm, and the read that shows the order is confirmed
    expect(sandbox.calls('any') - before).toBe(3);
    expect(again.vendorOrderId).toBe(sandbox.orders.get(request.reference)!.uid);
    expect(sandbox.chargedOrders()).toHaveLength(1);
  });

  it('an order held under our reference that is not the one asked for is never confirmed', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const first = eur(1);
    await rejectionOf(client.placeOrder(first, stopBeforeSend(2)));
    const other = { ...eur(3), reference: first.reference };
    const result = await client.placeOrder(other);
    expect(result.order?.status).toBe('pending');
    expect(result.order!.lines[0]!.quantity).toBe(1);
    expect(sandbox.orders.get(first.reference)!.state).toBe('created');
    expect(sandbox.chargedOrders()).toEqual([]);
  });
});

describe('an expired created order', () => {
  it('answers 419 to a late confirm: nothing charged, and creating again under the reference succeeds', async () => {
    const clock = fakeClock();
    const sandbox = await sandboxWith({ clock });
    const client = clientFor(sandbox);
    const request = dkk();
    let sends = 0;
    const error = await rejectionOf(
      client.placeOrder(request, {
        onSend: () => {
          sends += 1;
          // The confirm leaves after the created order's 15 minutes.
          if (sends === 2) clock.advance(15 * 60_000);
        },
      }),
    );
    expect(VendorApiError.isInstance(error)).toBe(true);
    const apiError = error as VendorApiError;
    expect(apiError.httpStatus).toBe(419);
    expect(apiError.vendorCode).toBe('order_expired');
    expect(apiError.retryable).toBe(true);
    expect(apiError.message).toMatch(/nothing was charged/);
    expect(sandbox.chargedOrders()).toEqual([]);
    expect(sandbox.balance()).toBe('100000');

    const again = await client.placeOrder(request);
    const charged = sandbox.chargedOrders(request.reference);
    expect(charged).toHaveLength(1);
    expect(charged[0]!.uid).toBe(again.vendorOrderId);
    const expired = sandbox
      .orders()
      .filter((o) => o.reference === request.reference && o.id !== again.vendorOrderId);
    expect(expired).toMatchObject([{ status: 'rejected', final: true, charged: null }]);
  });
});

describe('refusals', () => {
  it('insufficient funds on confirm is insufficient_balance; nothing is charged', async () => {
    const sandbox = await sandboxWith({ wallet: { balance: '100' } });
    const client = clientFor(sandbox);
    const error = (await rejectionOf(client.placeOrder(dkk()))) as VendorApiError;
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error.code).toBe('insufficient_balance');
    expect(error.vendorCode).toBe('insufficient_funds');
    expect(error.retryable).toBe(false);
    expect(sandbox.balance()).toBe('100');
    expect(sandbox.chargedOrders()).toEqual([]);
  });

  it('bad input is a ValidationError naming the field, and nothing is sent', async () => {
    const sandbox = await sandboxWith();
    const client = clientFor(sandbox);
    const twice = eur();
    twice.lines.push({ ...twice.lines[0]! });
    const cases: [unknown, string][] = [
      [twice, 'lines.1.productId'],
      [orderOf(sandboxSkus.zalandoEurRange, '10.505', 'EUR'), 'lines.0.faceValue.amount'],
      [{ ...eur(), reference: 'not-a-uuid' }, 'reference'],
      [orderOf(sandboxSkus.zalandoEur25, '25', 'EUR', 0), 'lines.0.quantity'],
    ];
    for (const [input, path] of cases) {
      const error = await rejectionOf(client.placeOrder(input as never));
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
    expect(sandbox.calls('any')).toBe(0);
  });
});
