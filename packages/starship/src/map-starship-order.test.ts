import { inspect } from 'node:util';
import { Secret } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/get-order-details-response.json';
import { joinStarshipOrders, mapStarshipOrder } from './map-starship-order';
import { type StarshipOrder, starshipOrderSchema } from './schemas';

const NOW = new Date('2024-01-15T10:31:00Z');

function parse(body: unknown): StarshipOrder {
  return starshipOrderSchema.parse(body);
}

describe('the page example (Get Order Details, 200 OK)', () => {
  it('maps every field exactly', () => {
    const order = mapStarshipOrder(parse(fixture), { now: NOW });
    expect(order).toMatchObject({
      vendor: 'starship',
      reference: 'ord-abc123',
      vendorOrderId: '12345',
      status: 'fulfilled',
      rawStatus: 'delivered',
      charged: { amount: '25.00', currency: 'USD' },
      placedAt: '2024-01-15T10:30:00Z',
      updatedAt: '2024-01-15T10:31:00.000Z',
    });
    expect(order.unrecognizedStatus).toBeUndefined();
    expect(order.failure).toBeUndefined();
    expect(order.lines).toHaveLength(1);
    const [line] = order.lines;
    expect(line!.productId).toBe('1001');
    expect(line!.quantity).toBe(1);
    // Two decimals kept as Starship wrote them: "25.00" stays "25.00", never a float.
    expect(line!.faceValue).toEqual({ amount: '25.00', currency: 'USD' });
    expect(line!.vouchers).toHaveLength(1);
    const [voucher] = line!.vouchers;
    expect(voucher!.status).toBe('issued');
    expect(voucher!.rawStatus).toBe('delivered');
    expect(voucher!.faceValue).toEqual({ amount: '25.00', currency: 'USD' });
    expect(Secret.isInstance(voucher!.code)).toBe(true);
    expect(voucher!.code!.reveal()).toBe('1234567890123456');
    expect(Secret.isInstance(voucher!.pin)).toBe(true);
    expect(voucher!.pin!.reveal()).toBe('1234');
    expect(Secret.isInstance(voucher!.claimUrl)).toBe(true);
    expect(voucher!.claimUrl!.reveal()).toBe('https://redeem.example.com/abc123xyz');
    expect(voucher!.vendorReference).toBe('REF-VOUCHER-123');
    expect(voucher!.expiresAt).toBe('2025-12-31T23:59:59Z');
  });

  it('maps the secrets to Secrets: nothing printable of the order carries them', () => {
    const order = mapStarshipOrder(parse(fixture), { now: NOW });
    for (const value of [order, order.lines[0]!.vouchers[0]]) {
      const text = `${JSON.stringify(value)} ${inspect(value, { depth: 10 })} ${String(value)}`;
      expect(text).not.toContain('1234567890123456');
      expect(text).not.toContain('abc123xyz');
      expect(text).not.toMatch(/"1234"/);
    }
  });

  it('keeps transaction_id and discount as the page gives them', () => {
    const parsed = parse(fixture);
    expect(parsed.transaction_id).toBe(789);
    expect(parsed.discount).toBe('0.00');
    expect(parsed.amount).toBe('25.00');
    expect(parsed.denomination).toBe('25.00');
  });

  it('uses the account currency it is given', () => {
    const order = mapStarshipOrder(parse(fixture), { currency: 'EUR', now: NOW });
    expect(order.charged).toEqual({ amount: '25.00', currency: 'EUR' });
    expect(order.lines[0]!.faceValue.currency).toBe('EUR');
  });
});

describe('statuses', () => {
  const cases: [string, string][] = [
    ['PLACED', 'pending'],
    ['PENDING', 'pending'],
    ['pending', 'pending'],
    ['PROCESSING', 'processing'],
    ['Processing', 'processing'],
    ['DELIVERED', 'fulfilled'],
    ['delivered', 'fulfilled'],
    ['PARTIALLY_DELIVERED', 'partially_fulfilled'],
    ['partially_delivered', 'partially_fulfilled'],
    ['FAILED', 'failed'],
    ['failed', 'failed'],
    ['CANCELLED', 'cancelled'],
    ['cancelled', 'cancelled'],
  ];
  it.each(cases)('%s → %s', (raw, status) => {
    const order = mapStarshipOrder(parse({ ...fixture, status: raw }), { now: NOW });
    expect(order.status).toBe(status);
    expect(order.rawStatus).toBe(raw);
    expect(order.unrecognizedStatus).toBeUndefined();
  });

  it('an unknown status is processing, kept raw and reported, not a crash', () => {
    const order = mapStarshipOrder(parse({ ...fixture, status: 'ON_HOLD' }), { now: NOW });
    expect(order).toMatchObject({ status: 'processing', rawStatus: 'ON_HOLD', unrecognizedStatus: true });
    expect(order.lines[0]!.vouchers).toEqual([]);
  });

  it.each(['PENDING', 'PROCESSING', 'FAILED', 'CANCELLED'])(
    '%s carries no vouchers even if sent some',
    (raw) => {
      const order = mapStarshipOrder(parse({ ...fixture, status: raw }), { now: NOW });
      expect(order.lines[0]!.vouchers).toEqual([]);
    },
  );

  it('FAILED and CANCELLED name a failure in our own words', () => {
    expect(mapStarshipOrder(parse({ ...fixture, status: 'FAILED' })).failure?.code).toBe('vendor_failed');
    expect(mapStarshipOrder(parse({ ...fixture, status: 'CANCELLED' })).failure?.code).toBe(
      'vendor_cancelled',
    );
  });

  it('PARTIALLY_DELIVERED lists the vouchers given so far', () => {
    const body = { ...fixture, quantity: 3, amount: '75.00', status: 'PARTIALLY_DELIVERED' };
    const order = mapStarshipOrder(parse(body), { now: NOW });
    expect(order.lines[0]!.quantity).toBe(3);
    expect(order.lines[0]!.vouchers.map((v) => v.status)).toEqual(['issued']);
  });
});

describe('answer shapes', () => {
  it("accepts create's `ref` where get says `reference_code`", () => {
    const { reference_code: _omit, ...rest } = fixture;
    const order = mapStarshipOrder(parse({ ...rest, ref: 'ORD-ABC123', status: 'PENDING', vouchers: [] }));
    expect(order.reference).toBe('ord-abc123');
  });

  it('accepts null voucher fields (a code-only product)', () => {
    const voucher = {
      card_number: 'X1',
      pin_code: null,
      claim_url: null,
      voucher_reference_number: null,
      expires_at: '2025-12-31T23:59:59Z',
    };
    const order = mapStarshipOrder(parse({ ...fixture, vouchers: [voucher] }));
    const [mapped] = order.lines[0]!.vouchers;
    expect(mapped!.pin).toBeUndefined();
    expect(mapped!.claimUrl).toBeUndefined();
    expect(mapped!.code!.reveal()).toBe('X1');
  });

  it.each([
    ['amount as a number', { amount: 25 }],
    ['denomination as a number', { denomination: 25.0 }],
    ['id zero', { id: 0 }],
    ['quantity missing', { quantity: undefined }],
    ['status missing', { status: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(starshipOrderSchema.safeParse({ ...fixture, ...change }).success).toBe(false);
  });
});

describe('joinStarshipOrders', () => {
  const part = (id: number, ref: string, status: string, amount: string) =>
    mapStarshipOrder(
      parse({
        ...fixture,
        id,
        reference_code: ref,
        status,
        amount,
        denomination: amount,
        vouchers: status === 'DELIVERED' ? fixture.vouchers : [],
      }),
      { now: NOW },
    );
  const ref = '0b6e3c9c-8a0e-4f55-9d0b-2f1c6c1e7a11';

  it('joins parts into one order: one line each, ids "a,b,c", summed charge, status of the whole', () => {
    const joined = joinStarshipOrders(
      ref,
      [
        part(1, `${ref}-1of3`, 'DELIVERED', '10.00'),
        part(2, `${ref}-2of3`, 'DELIVERED', '25.00'),
        part(3, `${ref}-3of3`, 'DELIVERED', '5.50'),
      ],
      NOW,
    );
    expect(joined.vendorOrderId).toBe('1,2,3');
    expect(joined.reference).toBe(ref);
    expect(joined.status).toBe('fulfilled');
    expect(joined.lines).toHaveLength(3);
    expect(joined.charged).toEqual({ amount: '40.5', currency: 'USD' });
  });

  it.each([
    [['DELIVERED', 'PROCESSING'], 'processing'],
    [['PENDING', 'PENDING'], 'pending'],
    [['PENDING', 'PROCESSING'], 'processing'],
    [['DELIVERED', 'FAILED'], 'partially_fulfilled'],
    [['PARTIALLY_DELIVERED', 'DELIVERED'], 'partially_fulfilled'],
    [['FAILED', 'CANCELLED'], 'failed'],
    [['CANCELLED', 'CANCELLED'], 'cancelled'],
  ])('%j → %s', (statuses, expected) => {
    const parts = statuses.map((s, i) => part(i + 1, `${ref}-${i + 1}of2`, s, '10.00'));
    expect(joinStarshipOrders(ref, parts, NOW).status).toBe(expected);
  });

  it('a part under another reference makes the join carry it, so the engine will not adopt it', () => {
    const joined = joinStarshipOrders(
      ref,
      [part(1, `${ref}-1of2`, 'DELIVERED', '10.00'), part(2, 'someone-else', 'DELIVERED', '10.00')],
      NOW,
    );
    expect(joined.reference).not.toBe(ref);
  });
});
