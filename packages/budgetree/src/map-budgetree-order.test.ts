import { readFileSync } from 'node:fs';
import { VendorApiError } from '@giftwire/core';
import { classifyResponse } from '@giftwire/http';
import { describe, expect, it } from 'vitest';
import { classifyBudgetreeReason } from './budgetree-reasons';
import { type BudgetreeVoucher, mapBudgetreeOrder } from './map-budgetree-order';
import type { BudgetreeOrderBody } from './placed-order-store';
import { budgetreeCardsPageSchema, budgetreeErrorSchema, budgetreeOrderStatusSchema } from './schemas';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-12-03T06:00:00.000Z');

const BODY: BudgetreeOrderBody = {
  refno: '1618994976162',
  products: [{ sku: 'BT-GIFT-INR', price: '500', qty: 2, currency: 'INR' }],
  payments: [{ code: 'svc', amount: '1000' }],
  deliveryMode: 'API',
  syncOnly: false,
};

describe('the page\'s "Sample Response 200" (order-status-200.json)', () => {
  const status = budgetreeOrderStatusSchema.parse(JSON.parse(fixture('order-status-200.json')));

  it('parses field by field', () => {
    expect(status.status).toBe('COMPLETE');
    expect(status.statusLabel).toBe('Budgetree Complete');
    expect(status.orderId).toBe('333336022');
    expect(status.refno).toBe('1618994976162');
    expect(status.cancel).toEqual({ allowed: true, allowedWithIn: 2 });
  });

  it('maps to a processing order until its cards are read, with the cancel window', () => {
    const order = mapBudgetreeOrder(status, undefined, { currency: 'INR', now: NOW, body: BODY });
    expect(order).toEqual({
      vendor: 'budgetree',
      reference: '1618994976162',
      vendorOrderId: '333336022',
      status: 'processing',
      rawStatus: 'COMPLETE',
      lines: [
        {
          productId: 'BT-GIFT-INR',
          quantity: 2,
          faceValue: { amount: '500', currency: 'INR' },
          vouchers: [],
        },
      ],
      updatedAt: '2026-12-03T06:00:00.000Z',
      cancelWindow: { allowed: true, withinMinutes: 2 },
    });
  });

  it('maps to fulfilled with the activated cards as Secrets, validity as expiresAt', () => {
    const page = budgetreeCardsPageSchema.parse({
      cards: [
        {
          sku: 'BT-GIFT-INR',
          cardNumber: '7700110022003300',
          cardPin: '123456',
          activationCode: 'ACT-1',
          activationUrl: 'https://activate.example/a1',
          amount: '500.00',
          validity: '2027-12-31T23:59:59+05:30',
        },
        {
          sku: 'BT-GIFT-INR',
          cardNumber: '7700110022003301',
          cardPin: '654321',
          amount: 500,
          validity: null,
        },
      ],
      total: 2,
      currency: { code: 'INR' },
    });
    const order = mapBudgetreeOrder(status, page.cards, {
      currency: 'USD',
      cardsCurrency: page.currency ?? 'XXX',
      now: NOW,
    });
    expect(order.status).toBe('fulfilled');
    expect(order.lines).toHaveLength(1);
    const [line] = order.lines;
    expect(line).toMatchObject({
      productId: 'BT-GIFT-INR',
      quantity: 2,
      faceValue: { amount: '500', currency: 'INR' },
    });
    const [first, second] = line!.vouchers as BudgetreeVoucher[];
    expect(first!.code!.reveal()).toBe('7700110022003300');
    expect(first!.pin!.reveal()).toBe('123456');
    expect(first!.claimUrl!.reveal()).toBe('https://activate.example/a1');
    expect(first!.activationCode!.reveal()).toBe('ACT-1');
    expect(first!.expiresAt).toBe('2027-12-31T23:59:59+05:30');
    expect(first!.status).toBe('issued');
    expect(second!.code!.reveal()).toBe('7700110022003301');
    expect(second!.expiresAt).toBeUndefined();
    // No answer states the charge: COMPLETE means the payment (Σ price × qty) was taken, the cards' amounts.
    expect(order.charged).toEqual({ amount: '1000', currency: 'INR' });
    expect(JSON.stringify(order)).not.toContain('7700110022003300');
    expect(JSON.stringify(order)).not.toContain('123456');
  });
});

describe('the page\'s "Sample Response 400" (order-status-400.json)', () => {
  const text = fixture('order-status-400.json');

  it('parses field by field', () => {
    expect(budgetreeErrorSchema.parse(JSON.parse(text))).toEqual({
      code: 5320,
      message: 'Order not available',
      messages: [],
    });
  });

  it('is a not_found VendorApiError with vendor code 5320, the body only as a Secret', () => {
    const error = classifyResponse(
      {
        status: 400,
        headers: {},
        bodyText: text,
        json: JSON.parse(text),
        classifyError: ({ status, json }) => classifyBudgetreeReason(status, json),
      },
      { vendor: 'budgetree', idempotent: true },
    );
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_found', vendorCode: '5320', httpStatus: 400, retryable: false });
    expect(error.message).not.toContain('Order not available');
  });
});

describe('status words', () => {
  const base = { orderId: '1', refno: 'r', cancel: { allowed: false, allowedWithIn: '10' } };
  it.each([
    ['PENDING', 'pending'],
    ['PROCESSING', 'processing'],
    ['CANCELED', 'cancelled'],
    ['canceled', 'cancelled'],
    ['Processing', 'processing'],
  ] as const)('%s → %s', (word, expected) => {
    const order = mapBudgetreeOrder({ ...base, status: word }, undefined, { currency: 'INR' });
    expect(order.status).toBe(expected);
    expect(order.unrecognizedStatus).toBeUndefined();
    expect(order.cancelWindow).toEqual({ allowed: false, withinMinutes: 10 });
  });

  it('a cancelled order was charged nothing ("money is reversed"); one still processing, not known yet', () => {
    expect(
      mapBudgetreeOrder({ ...base, status: 'CANCELED' }, undefined, { currency: 'INR' }).charged,
    ).toEqual({
      amount: '0',
      currency: 'INR',
    });
    expect(
      mapBudgetreeOrder({ ...base, status: 'PROCESSING' }, undefined, { currency: 'INR' }).charged,
    ).toBeUndefined();
    // COMPLETE without its cards in hand is still processing: the charge waits for the cards.
    expect(
      mapBudgetreeOrder({ ...base, status: 'COMPLETE' }, undefined, { currency: 'INR' }).charged,
    ).toBeUndefined();
  });

  it('an unknown word is processing, kept raw and reported', () => {
    const order = mapBudgetreeOrder({ ...base, status: 'ON_HOLD' }, undefined, { currency: 'INR' });
    expect(order).toMatchObject({ status: 'processing', rawStatus: 'ON_HOLD', unrecognizedStatus: true });
  });

  it('without `status` (optional on the page) the label names the status', () => {
    const order = mapBudgetreeOrder({ statusLabel: 'Budgetree Canceled', refno: 'r' }, undefined, {
      currency: 'INR',
    });
    expect(order).toMatchObject({ status: 'cancelled', rawStatus: 'CANCELED' });
  });

  it('cards without a sku or currency take them from the create body', () => {
    const cards = [{ cardNumber: 'C1', amount: '10.5' }].map((c) =>
      budgetreeCardsPageSchema.shape.cards.element.parse(c),
    );
    const body = { ...BODY, products: [{ sku: 'BT-GIFT-EUR', price: '10.5', qty: 1, currency: 'EUR' }] };
    const order = mapBudgetreeOrder({ status: 'COMPLETE', refno: 'r' }, cards, { currency: 'INR', body });
    expect(order.lines).toMatchObject([
      { productId: 'BT-GIFT-EUR', quantity: 1, faceValue: { amount: '10.5', currency: 'EUR' } },
    ]);
  });
});
