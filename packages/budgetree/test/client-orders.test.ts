import { randomUUID } from 'node:crypto';
import { ValidationError, VendorApiError } from '@giftwire/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBudgetree } from '../src/index';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { sandboxSkus } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox, waitForFinal } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('placeOrder and getOrder', () => {
  it('every status: PENDING → PROCESSING → COMPLETE (with cards) and CANCELED, over time', async () => {
    let now = 1_800_000_000_000;
    const clock = { now: () => now };
    sandbox = await startSandbox({
      clock,
      scenario: {
        processingAfterMs: 100,
        completeAfterMs: 200,
        outcome: (refno) => (refno === canceled.reference ? 'canceled' : 'complete'),
      },
    });
    const client = clientFor(sandbox, { now: clock.now });
    const order = orderOf(2, '750.25');
    const canceled = orderOf(1);
    const placed = await client.placeOrder(order);
    await client.placeOrder(canceled);
    expect(placed).toEqual({
      reference: order.reference,
      vendorOrderId: sandbox.orders.get(order.reference)!.orderId,
    });
    const pending = await client.getOrder({ reference: order.reference });
    expect(pending).toMatchObject({
      status: 'pending',
      rawStatus: 'PENDING',
      vendorOrderId: placed.vendorOrderId,
      cancelWindow: { allowed: true, withinMinutes: 2 },
      lines: [
        {
          productId: sandboxSkus.inr,
          quantity: 2,
          faceValue: { amount: '750.25', currency: 'INR' },
          vouchers: [],
        },
      ],
    });
    now += 100;
    expect((await client.getOrder({ reference: order.reference })).status).toBe('processing');
    const readsBefore = sandbox.calls('getOrder');
    now += 100;
    const done = await client.getOrder({ reference: order.reference });
    // Status, then the cards: both calls of one getOrder.
    expect(sandbox.calls('getOrder') - readsBefore).toBe(2);
    expect(done).toMatchObject({ status: 'fulfilled', rawStatus: 'COMPLETE' });
    const vouchers = done.lines.flatMap((l) => l.vouchers);
    expect(vouchers.map((v) => v.code!.reveal()).sort()).toEqual(
      [...sandbox.issuedSecrets(order.reference).codes].sort(),
    );
    expect(vouchers.map((v) => v.pin!.reveal()).sort()).toEqual(
      [...sandbox.issuedSecrets(order.reference).pins].sort(),
    );
    expect(vouchers.map((v) => v.claimUrl!.reveal()).sort()).toEqual(
      [...sandbox.issuedSecrets(order.reference).urls].sort(),
    );
    expect(
      vouchers.every((v) => v.status === 'issued' && v.expiresAt && v.faceValue.amount === '750.25'),
    ).toBe(true);
    const cancelled = await client.getOrder({ reference: canceled.reference });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      rawStatus: 'CANCELED',
      lines: [{ vouchers: [] }],
    });
  });

  it('an order of 1,200 cards is read in three pages of at most 500', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf(1_200, '10');
    await client.placeOrder(order);
    await waitForFinal(client, order.reference);
    const before = sandbox.calls('getOrder');
    const done = await client.getOrder({ reference: order.reference });
    expect(sandbox.calls('getOrder') - before).toBe(4);
    const codes = done.lines.flatMap((l) => l.vouchers.map((v) => v.code!.reveal()));
    expect(codes).toHaveLength(1_200);
    expect(new Set(codes).size).toBe(1_200);
    expect([...codes].sort()).toEqual([...sandbox.issuedSecrets(order.reference).codes].sort());
    expect(done.lines).toMatchObject([{ quantity: 1_200, faceValue: { amount: '10', currency: 'INR' } }]);
  });

  it('cards answering 409 ("not yet") keep the order processing; 410 makes it cancelled', async () => {
    let now = 1_800_000_000_000;
    const clock = { now: () => now };
    sandbox = await startSandbox({
      clock,
      scenario: { processingAfterMs: 10, completeAfterMs: 10_000, reversalAfterMs: 5 },
    });
    const client = clientFor(sandbox, { now: clock.now });
    const order = orderOf();
    await client.placeOrder(order);
    now += 10;
    const sayComplete = {
      kind: 'rewrite' as const,
      rewrite: (body: unknown) => ({ ...(body as object), status: 'COMPLETE' }),
    };
    sandbox.faults.next(sayComplete, { operation: 'getOrder' });
    expect(await client.getOrder({ reference: order.reference })).toMatchObject({
      status: 'processing',
      rawStatus: 'COMPLETE',
    });
    await client.cancelOrder({ reference: order.reference });
    now += 5;
    sandbox.faults.next(sayComplete, { operation: 'getOrder' });
    expect((await client.getOrder({ reference: order.reference })).status).toBe('cancelled');
  });

  it('a reused refno is duplicate_reference (5313); an unknown one not_found (5320)', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    const duplicate = await rejectionOf(client.placeOrder(order));
    expect(duplicate).toMatchObject({ code: 'duplicate_reference', vendorCode: '5313', httpStatus: 400 });
    expect((duplicate as Error).message).toContain('refno was already used');
    const missing = await rejectionOf(client.getOrder({ reference: randomUUID() }));
    expect(missing).toMatchObject({ code: 'not_found', vendorCode: '5320', retryable: false });
    expect(sandbox.orders()).toHaveLength(1);
  });

  it('refuses before sending what Budgetree would refuse: a refno over 55 characters, mixed currencies', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const long = { ...orderOf(), reference: 'r'.repeat(56) };
    const tooLong = await rejectionOf(client.placeOrder(long));
    expect(ValidationError.isInstance(tooLong)).toBe(true);
    expect((tooLong as ValidationError).issues[0]!.path).toBe('reference');
    const mixed = orderOf();
    mixed.lines.push({
      productId: sandboxSkus.usd,
      quantity: 1,
      faceValue: { amount: '5', currency: 'USD' },
    });
    const error = await rejectionOf(client.placeOrder(mixed));
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['lines.1.faceValue.currency']);
    expect(sandbox.calls('placeOrder')).toBe(0);
  });

  it('a refusal with a code is an invalid_request VendorApiError carrying the code, nothing held', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const error = await rejectionOf(client.placeOrder(orderOf(1, '100', sandboxSkus.notOrderable)));
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_request', vendorCode: '5301', httpStatus: 400 });
    expect(sandbox.orders()).toEqual([]);
  });

  it('several lines of one currency: one order, every line delivered', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const order = orderOf(2, '100');
    order.lines.push({
      productId: sandboxSkus.inr,
      quantity: 1,
      faceValue: { amount: '250.50', currency: 'INR' },
    });
    await client.placeOrder(order);
    const done = await waitForFinal(client, order.reference);
    expect(done.lines.map((l) => [l.productId, l.quantity, l.faceValue.amount]).sort()).toEqual([
      [sandboxSkus.inr, 1, '250.5'],
      [sandboxSkus.inr, 2, '100'],
    ]);
  });
});

describe('answers the page allows', () => {
  it('a status answer without refno or status (both optional on the page) is read by its label, for the refno asked', async () => {
    sandbox = await startSandbox({ scenario: { outcome: 'never' } });
    const client = clientFor(sandbox);
    const order = orderOf();
    await client.placeOrder(order);
    const strip = {
      kind: 'rewrite' as const,
      rewrite: (body: unknown) => {
        const { refno: _refno, status: _status, ...rest } = body as Record<string, unknown>;
        return rest;
      },
    };
    sandbox.faults.next(strip, { operation: 'getOrder' });
    const read = await client.getOrder({ reference: order.reference });
    expect(read).toMatchObject({ reference: order.reference, status: 'pending', rawStatus: 'PENDING' });
  });

  it('cards answering full pages forever without a total stop with invalid_response', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.budgetree.test');
    pool.intercept({ path: '/oauth2/verify', method: 'POST' }).reply(200, { authorizationCode: 'c' });
    pool.intercept({ path: '/oauth2/token', method: 'POST' }).reply(200, { token: 't' });
    pool
      .intercept({ path: /^\/rest\/v3\/orders\//, method: 'GET' })
      .reply(200, { status: 'COMPLETE', statusLabel: 'Budgetree Complete', orderId: '1', refno: 'r' });
    const page = { cards: Array.from({ length: 500 }, (_, i) => ({ cardNumber: `C${i}`, amount: '10' })) };
    let pages = 0;
    pool
      .intercept({ path: /^\/rest\/v3\/order\/1\/cards/, method: 'GET' })
      .reply(() => {
        pages += 1;
        return { statusCode: 200, data: page };
      })
      .persist();
    const client = createBudgetree({
      clientId: 'id',
      clientSecret: 'secret',
      username: 'user',
      password: 'pass',
      baseUrl: 'https://api.budgetree.test',
      dispatcher: agent,
      env: {},
    });
    const error = await rejectionOf(client.getOrder({ reference: 'r' }));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(pages).toBe(200);
    await agent.close();
  });
});
