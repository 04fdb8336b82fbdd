import { randomUUID } from 'node:crypto';
import { OutcomeUnknownError, ValidationError } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { StarshipSandbox } from '../src/sandbox/index';
import { type Outcome, sandboxProductIds } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox, waitForOrder } from './client-helpers';

let sandbox: StarshipSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function withOutcome(outcome: Outcome) {
  sandbox = await startSandbox({ scenario: { outcome: () => outcome } });
  return { sandbox, client: clientFor(sandbox) };
}

describe('every status, over HTTP', () => {
  it('PENDING → PROCESSING → DELIVERED: codes, PINs and the charge of the sandbox', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const request = orderOf(sandboxProductIds.delayedCode, '25', 2);
    const placed = await client.placeOrder(request);
    expect(placed.reference).toBe(request.reference);
    expect(placed.order).toMatchObject({ status: 'pending', rawStatus: 'PENDING' });
    expect(placed.order!.lines[0]!.vouchers).toEqual([]);
    const done = await waitForOrder(client, placed, (o) => o.status === 'fulfilled');
    const issued = sandbox.issuedSecrets(request.reference);
    expect(done.lines[0]!.vouchers.map((v) => v.code!.reveal()).sort()).toEqual([...issued.codes].sort());
    expect(done.lines[0]!.vouchers.map((v) => v.pin!.reveal()).sort()).toEqual([...issued.pins].sort());
    expect(done.lines[0]!.faceValue).toEqual({ amount: '25.00', currency: 'USD' });
    expect(done.charged).toEqual({ amount: '50.00', currency: 'USD' });
    expect(sandbox.balance()).toBe('99950');
  });

  it('PROCESSING is reported while the order runs', async () => {
    sandbox = await startSandbox({ scenario: { processingAfterMs: 5, settleAfterMs: 60_000 } });
    const client = clientFor(sandbox);
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10'));
    const order = await waitForOrder(client, placed, (o) => o.status === 'processing');
    expect(order.rawStatus).toBe('PROCESSING');
    expect(order.lines[0]!.vouchers).toEqual([]);
  });

  it('an instant product is answered DELIVERED at create, vouchers included: the answer is used', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const request = orderOf(sandboxProductIds.instantPin, '50', 1);
    const placed = await client.placeOrder(request);
    expect(placed.order?.status).toBe('fulfilled');
    expect(placed.order!.lines[0]!.vouchers[0]!.code!.reveal()).toBe(
      sandbox.issuedSecrets(request.reference).codes[0],
    );
    expect(sandbox.calls('getOrder')).toBe(0);
  });

  it('PARTIALLY_DELIVERED that stays: some vouchers, the rest refunded', async () => {
    const { sandbox, client } = await withOutcome('PARTIALLY_DELIVERED');
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10', 4));
    const done = await waitForOrder(client, placed);
    expect(done.status).toBe('partially_fulfilled');
    expect(done.lines[0]!.vouchers).toHaveLength(2);
    expect(done.charged).toEqual({ amount: '20.00', currency: 'USD' });
    expect(sandbox.balance()).toBe('99980');
  });

  it('PARTIALLY_DELIVERED → DELIVERED: the partial answer converges', async () => {
    const { client } = await withOutcome('PARTIALLY_DELIVERED_THEN_DELIVERED');
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10', 4));
    const partial = await waitForOrder(client, placed, (o) => o.status === 'partially_fulfilled');
    expect(partial.lines[0]!.vouchers).toHaveLength(2);
    const done = await waitForOrder(client, placed, (o) => o.status === 'fulfilled');
    expect(done.lines[0]!.vouchers).toHaveLength(4);
    expect(done.charged?.amount).toBe('40.00');
  });

  it('PARTIALLY_DELIVERED → CANCELLED: refunded, no vouchers', async () => {
    const { sandbox, client } = await withOutcome('PARTIALLY_DELIVERED_THEN_CANCELLED');
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10', 2));
    await waitForOrder(client, placed, (o) => o.status === 'partially_fulfilled');
    const done = await waitForOrder(client, placed, (o) => o.status === 'cancelled');
    expect(done.lines[0]!.vouchers).toEqual([]);
    expect(sandbox.balance()).toBe('100000');
  });

  it.each([
    ['FAILED', 'failed'],
    ['CANCELLED', 'cancelled'],
  ] as const)('%s: refunded, no vouchers, a failure in our words', async (outcome, status) => {
    const { sandbox, client } = await withOutcome(outcome);
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '25', 1));
    expect(sandbox.balance()).toBe('99975');
    const done = await waitForOrder(client, placed);
    expect(done.status).toBe(status);
    expect(done.lines[0]!.vouchers).toEqual([]);
    expect(done.failure?.code).toBe(status === 'failed' ? 'vendor_failed' : 'vendor_cancelled');
    expect(sandbox.balance()).toBe('100000');
  });

  it('an order stuck in PENDING stays pending', async () => {
    const { client } = await withOutcome('STUCK');
    const placed = await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '25', 1));
    const order = await client.getOrder(placed);
    expect(order.status).toBe('pending');
  });
});

describe('replay after a dropped create response', () => {
  it('resolves the unknown outcome with the same key: exactly one order afterwards', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const request = orderOf(sandboxProductIds.delayedCode, '25', 1);
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    const lost = await rejectionOf(client.placeOrder(request));
    expect(OutcomeUnknownError.isInstance(lost)).toBe(true);
    expect(sandbox.orders()).toHaveLength(1);

    const replayed = await client.placeOrder(request);
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.calls('placeOrder')).toBe(2);
    expect(replayed.vendorOrderId).toBe(sandbox.orders()[0]!.id);
    // A replay proves the order exists; its content is read, not taken from the replay.
    expect(replayed.order).toBeUndefined();
    const done = await waitForOrder(client, replayed);
    expect(done.status).toBe('fulfilled');
    expect(done.reference).toBe(request.reference);
    expect(sandbox.balance()).toBe('99975');
  });

  it('a replay answered with the full order still returns ids only', async () => {
    sandbox = await startSandbox({ replayAnswer: 'full' });
    const client = clientFor(sandbox);
    const request = orderOf(sandboxProductIds.instantPin, '10', 1);
    await client.placeOrder(request);
    const again = await client.placeOrder(request);
    expect(again.order).toBeUndefined();
    expect(sandbox.orders()).toHaveLength(1);
  });
});

describe('a three-line request', () => {
  it('becomes three vendor orders, each with its own ref and key, and one joined order', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const reference = randomUUID();
    const request = {
      reference,
      lines: [
        {
          productId: String(sandboxProductIds.delayedCode),
          quantity: 2,
          faceValue: { amount: '10', currency: 'USD' },
        },
        {
          productId: String(sandboxProductIds.delayedCode),
          quantity: 1,
          faceValue: { amount: '25.00', currency: 'USD' },
        },
        {
          productId: String(sandboxProductIds.delayedClaim),
          quantity: 1,
          faceValue: { amount: '5', currency: 'USD' },
        },
      ],
    };
    const placed = await client.placeOrder(request);
    const atVendor = sandbox.orders.list();
    expect(atVendor).toHaveLength(3);
    expect(atVendor.map((o) => o.ref)).toEqual([
      `${reference}-1of3`,
      `${reference}-2of3`,
      `${reference}-3of3`,
    ]);
    expect(new Set(atVendor.map((o) => o.idempotencyKey)).size).toBe(3);
    expect(placed.vendorOrderId).toBe(atVendor.map((o) => o.id).join(','));

    const done = await waitForOrder(client, placed);
    expect(done).toMatchObject({ reference, status: 'fulfilled', vendorOrderId: placed.vendorOrderId });
    expect(done.lines.map((l) => [l.productId, l.quantity, l.faceValue.amount])).toEqual([
      ['1002', 2, '10.00'],
      ['1002', 1, '25.00'],
      ['1003', 1, '5.00'],
    ]);
    expect(done.charged).toEqual({ amount: '50', currency: 'USD' });
    const claim = done.lines[2]!.vouchers[0]!;
    expect(claim.claimUrl!.reveal()).toBe(sandbox.issuedSecrets(`${reference}-3of3`).urls[0]);

    // Replaying the whole request after a lost answer creates nothing new.
    sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    expect(OutcomeUnknownError.isInstance(await rejectionOf(client.placeOrder(request)))).toBe(true);
    const again = await client.placeOrder(request);
    expect(again.vendorOrderId).toBe(placed.vendorOrderId);
    expect(sandbox.orders()).toHaveLength(3);
  });

  it('a later line refused while earlier ones are held is an unknown outcome, not a refusal', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const request = {
      reference: randomUUID(),
      lines: [
        {
          productId: String(sandboxProductIds.delayedCode),
          quantity: 1,
          faceValue: { amount: '10', currency: 'USD' },
        },
        {
          productId: String(sandboxProductIds.unavailable),
          quantity: 1,
          faceValue: { amount: '10', currency: 'USD' },
        },
      ],
    };
    const error = await rejectionOf(client.placeOrder(request));
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect(sandbox.orders()).toHaveLength(1);
  });

  it('getOrder without the vendor ids finds the parts in the newest orders', async () => {
    const { client } = await withOutcome('DELIVERED');
    const reference = randomUUID();
    const line = {
      productId: String(sandboxProductIds.instantPin),
      quantity: 1,
      faceValue: { amount: '10', currency: 'USD' },
    };
    await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    const placed = await client.placeOrder({ reference, lines: [line, { ...line, quantity: 2 }] });
    await client.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    const found = await client.getOrder({ reference: reference.toUpperCase() });
    expect(found).toMatchObject({ reference, vendorOrderId: placed.vendorOrderId, status: 'fulfilled' });
    expect(found.lines.map((l) => l.quantity)).toEqual([1, 2]);
  });
});

describe('bad input is refused before anything is sent', () => {
  it.each([
    ['a product id that is not a number', { productId: 'abc' }, 'lines.0.productId'],
    ['three decimals', { faceValue: { amount: '10.005', currency: 'USD' } }, 'lines.0.faceValue.amount'],
    ['another currency', { faceValue: { amount: '10', currency: 'EUR' } }, 'lines.0.faceValue.currency'],
    ['quantity zero', { quantity: 0 }, 'lines.0.quantity'],
  ])('%s', async (_name, change, path) => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const request = orderOf(sandboxProductIds.delayedCode, '10');
    const error = await rejectionOf(
      client.placeOrder({ ...request, lines: [{ ...request.lines[0]!, ...change }] }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    expect(sandbox.calls('any')).toBe(0);
  });

  it('a vendor id that is not Starship ids', async () => {
    const { sandbox, client } = await withOutcome('DELIVERED');
    const error = await rejectionOf(client.getOrder({ reference: randomUUID(), vendorOrderId: '0' }));
    expect((error as ValidationError).issues[0]!.path).toBe('vendorOrderId');
    expect(sandbox.calls('any')).toBe(0);
  });
});

describe('signed requests', () => {
  it('a sandbox that requires signatures serves a signing client and refuses one that does not sign', async () => {
    sandbox = await startSandbox({ requireSignature: true });
    const signing = clientFor(sandbox);
    expect(sandbox.clientSettings().signRequests).toBe(true);
    const placed = await signing.placeOrder(orderOf(sandboxProductIds.instantPin, '10'));
    expect((await signing.getOrder(placed)).status).toBe('fulfilled');
    const plain = clientFor(sandbox, { signRequests: false });
    const error = await rejectionOf(plain.getOrder(placed));
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401 });
  });
});
