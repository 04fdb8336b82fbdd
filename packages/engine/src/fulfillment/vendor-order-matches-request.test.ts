import { type GiftCardOrder, money, type PlaceOrderRequest, Secret, type Voucher } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { vendorOrderMatchesRequest } from './vendor-order-matches-request';

const request: PlaceOrderRequest = {
  reference: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  lines: [
    { productId: '1', quantity: 2, faceValue: money('20', 'USD') },
    { productId: '2', quantity: 1, faceValue: money('10.5', 'EUR') },
  ],
};

const issued = (amount: string, currency: string): Voucher => ({
  status: 'issued',
  code: new Secret('C'),
  faceValue: money(amount, currency),
});

function vendorOrder(overrides: Partial<GiftCardOrder> = {}): GiftCardOrder {
  return {
    vendor: 'v',
    reference: request.reference.toUpperCase(),
    status: 'fulfilled',
    lines: [
      {
        productId: '1',
        quantity: 2,
        faceValue: money('20.00', 'USD'),
        vouchers: [issued('20', 'USD'), issued('20', 'USD')],
      },
      { productId: '2', quantity: 1, faceValue: money('10.50', 'EUR'), vouchers: [issued('10.5', 'EUR')] },
    ],
    // Fees and FX: what was charged is not the face value.
    charged: money('58.9401', 'USD'),
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('vendorOrderMatchesRequest', () => {
  it('accepts our order: reference in another case, amounts written differently, charged with fees', () => {
    expect(vendorOrderMatchesRequest(request, vendorOrder())).toEqual({ ok: true });
  });

  it('accepts what partial fulfilment and a running order explain', () => {
    const [first, second] = vendorOrder().lines;
    const partial = vendorOrder({
      status: 'partially_fulfilled',
      lines: [
        { ...first!, vouchers: [issued('20', 'USD'), { status: 'failed', faceValue: money('20', 'USD') }] },
        second!,
      ],
    });
    expect(vendorOrderMatchesRequest(request, partial).ok).toBe(true);
    expect(vendorOrderMatchesRequest(request, vendorOrder({ status: 'processing', lines: [] })).ok).toBe(
      true,
    );
    // Split into two lines of one card each: the same cards.
    const split = vendorOrder({
      lines: [{ ...first!, quantity: 1, vouchers: [] }, { ...first!, quantity: 1, vouchers: [] }, second!],
    });
    expect(vendorOrderMatchesRequest(request, split).ok).toBe(true);
  });

  it.each([
    ['another reference', vendorOrder({ reference: 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' })],
    [
      'another currency',
      vendorOrder({
        lines: [{ ...vendorOrder().lines[0]!, faceValue: money('20', 'EUR') }, vendorOrder().lines[1]!],
      }),
    ],
    [
      'another face value',
      vendorOrder({
        lines: [{ ...vendorOrder().lines[0]!, faceValue: money('200', 'USD') }, vendorOrder().lines[1]!],
      }),
    ],
    [
      'another product',
      vendorOrder({ lines: [{ ...vendorOrder().lines[0]!, productId: '9' }, vendorOrder().lines[1]!] }),
    ],
    [
      'more cards than asked',
      vendorOrder({ lines: [{ ...vendorOrder().lines[0]!, quantity: 3 }, vendorOrder().lines[1]!] }),
    ],
    ['fulfilled with a line missing', vendorOrder({ lines: [vendorOrder().lines[0]!] })],
    ['fulfilled with no lines', vendorOrder({ lines: [] })],
    [
      'a voucher at another face value',
      vendorOrder({
        lines: [{ ...vendorOrder().lines[0]!, vouchers: [issued('200', 'USD')] }, vendorOrder().lines[1]!],
      }),
    ],
  ])('refuses %s, naming no vendor value', (_name, order) => {
    const match = vendorOrderMatchesRequest(request, order);
    expect(match.ok).toBe(false);
    if (!match.ok) expect(match.problems.join(' ')).not.toMatch(/200|EUR|b0eebc99|\b9\b/);
  });
});
