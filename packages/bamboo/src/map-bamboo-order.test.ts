import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mapBambooOrder } from './map-bamboo-order';
import { bambooOrderSchema } from './schemas';

// The Get Order page's own example response, verbatim.
const fixture = readFileSync(new URL('./__fixtures__/get-order-response.json', import.meta.url), 'utf8');
const CODES = ['cb05747ed9fe497b92c80f10cf8406d7', '7dffe979e54c49f692e7894eb91407d1'];
const now = new Date('2024-05-16T05:00:00.000Z');

function parseFixture(patch: (body: Record<string, unknown>) => void = () => {}) {
  const body = JSON.parse(fixture);
  patch(body);
  return mapBambooOrder(bambooOrderSchema.parse(body), now);
}

describe('mapBambooOrder with the documented example', () => {
  const order = parseFixture();

  it('maps the order fields', () => {
    expect(order.vendor).toBe('bamboo');
    expect(order.reference).toBe('71ac2817-e51a-438a-bb7b-5ffdda23603c');
    expect(order.vendorOrderId).toBe('6779294');
    expect(order.status).toBe('fulfilled');
    expect(order.rawStatus).toBe('Succeeded');
    expect(order.unrecognizedStatus).toBeUndefined();
    expect(order.charged).toEqual({ amount: '18.9401', currency: 'USD' });
    expect(order.placedAt).toBe('2024-05-16T04:36:35.3673422');
    expect(order.updatedAt).toBe(now.toISOString());
    expect(order.failure).toBeUndefined();
  });

  it('maps the line and both cards', () => {
    expect(order.lines).toHaveLength(1);
    const line = order.lines[0]!;
    expect(line.productId).toBe('439685');
    expect(line.quantity).toBe(2);
    expect(line.faceValue).toEqual({ amount: '10', currency: 'USD' });
    const [first, second] = line.vouchers;
    expect(first).toMatchObject({
      status: 'issued',
      rawStatus: 'Sold',
      serial: '4005c08f-1aeb-4527-8eb0-ccd1c745f467',
      vendorReference: '24153984',
      expiresAt: '2025-05-16T04:36:35.3922677',
      faceValue: { amount: '10', currency: 'USD' },
    });
    expect(second).toMatchObject({
      status: 'issued',
      serial: '29744102-1e84-48e0-a440-8b3a5c04b4d2',
      vendorReference: '24153985',
      expiresAt: '2025-05-16T04:36:35.3922628',
    });
    expect(first?.code?.reveal()).toBe(CODES[0]);
    expect(first?.pin?.reveal()).toBe('392');
    expect(second?.code?.reveal()).toBe(CODES[1]);
    expect(second?.pin?.reveal()).toBe('392');
  });

  it('never renders a code or PIN through JSON or inspect', () => {
    const rendered = `${JSON.stringify(order)}\n${inspect(order, { depth: 20 })}\n${String(order.lines[0]?.vouchers[0]?.code)}`;
    for (const code of CODES) expect(rendered).not.toContain(code);
    expect(rendered).not.toMatch(/"pin":"392"/);
    expect(rendered).toContain('[redacted]');
  });
});

describe('mapBambooOrder status handling', () => {
  it.each([
    ['Created', 'pending'],
    ['Pending', 'pending'],
    ['Processing', 'processing'],
    ['Succeeded', 'fulfilled'],
    ['PartialFailed', 'partially_fulfilled'],
    ['Failed', 'failed'],
    ['succeeded', 'fulfilled'],
  ])('order status %s → %s', (raw, expected) => {
    expect(parseFixture((b) => (b.status = raw)).status).toBe(expected);
  });

  it('keeps an unknown status raw, maps it to processing and flags it', () => {
    const order = parseFixture((b) => (b.status = 'OnHold'));
    expect(order).toMatchObject({ status: 'processing', rawStatus: 'OnHold', unrecognizedStatus: true });
  });

  it.each(['Created', 'Processing', 'Paused', 'Failed'])('withholds the code of a %s card', (cardStatus) => {
    const order = parseFixture((b) => {
      const items = b.items as { cards: { status: string }[] }[];
      items[0]!.cards[0]!.status = cardStatus;
    });
    const voucher = order.lines[0]!.vouchers[0]!;
    expect(voucher.status).toBe(cardStatus === 'Failed' ? 'failed' : 'pending');
    expect(voucher.code).toBeUndefined();
    expect(voucher.pin).toBeUndefined();
    expect(order.lines[0]!.vouchers[1]!.code?.reveal()).toBe(CODES[1]);
  });

  it('reports a vendor failure message', () => {
    const order = parseFixture((b) => {
      b.status = 'Failed';
      b.errorMessage = 'Supplier rejected the order';
      b.total = 0;
    });
    expect(order.failure).toEqual({ code: 'vendor_failed', message: 'Supplier rejected the order' });
    expect(order.charged).toEqual({ amount: '0', currency: 'USD' });
  });

  it('rejects a body without the fields it acts on', () => {
    expect(bambooOrderSchema.safeParse({ requestId: 'x' }).success).toBe(false);
    expect(
      bambooOrderSchema.safeParse({ requestId: 'x', status: 'Succeeded', items: [{ productId: 1 }] }).success,
    ).toBe(false);
  });
});
