import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCreateBody,
  GIFTHUB_ORDER_STATES,
  giftHubOrderSchema,
  mapGiftHubOrder,
  timestampToIso,
} from '../src/index';
import { mapGiftHubState } from '../src/status-tables';

describe('timestampToIso', () => {
  it('keeps all nine fractional digits, exactly', () => {
    expect(timestampToIso({ _seconds: 1713718950, _nanoseconds: 921000000 })).toBe(
      '2024-04-21T17:02:30.921000000Z',
    );
    expect(timestampToIso({ _seconds: 1713718958, _nanoseconds: 712000000 })).toBe(
      '2024-04-21T17:02:38.712000000Z',
    );
    expect(timestampToIso({ _seconds: 1713700802, _nanoseconds: 5 })).toBe('2024-04-21T12:00:02.000000005Z');
    // 0.123456789 s has no exact float: it is carried as digits, not as a fraction of a second.
    expect(timestampToIso({ _seconds: 0, _nanoseconds: 123456789 })).toBe('1970-01-01T00:00:00.123456789Z');
    expect(timestampToIso({ _seconds: 1713718950, _nanoseconds: 999999999 })).toBe(
      '2024-04-21T17:02:30.999999999Z',
    );
  });
});

describe('timestampToIso against Date', () => {
  it('gives the date and time Date#toISOString gives, for any whole second Date can hold', () => {
    const seconds = [
      0, -1, 86_399, 86_400, -86_400, 951_782_400, 951_868_800, -62_167_219_201, 253_402_300_800,
    ];
    // A fixed pseudo-random walk over ±8.64e12 s (Date's range): the same cases on every run.
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 48_271) % 2_147_483_647;
      seconds.push(Math.floor((seed / 2_147_483_647 - 0.5) * 2 * 8.64e12));
    }
    for (const s of seconds) {
      const iso = new Date(s * 1000).toISOString(); // …T17:02:30.000Z
      expect(timestampToIso({ _seconds: s, _nanoseconds: 42 })).toBe(`${iso.slice(0, -4)}000000042Z`);
    }
  });
});

describe('buildCreateBody', () => {
  const reference = '0b5a3f52-3c2e-4f6e-9d3c-0f1e2d3c4b5a';

  it('writes our reference and the products keyed by SKU, quotes from their decimal strings', () => {
    const { rawBody } = buildCreateBody({
      reference,
      lines: [
        { productId: 'gc035-208-1000', quantity: 1, faceValue: { amount: '1000.00', currency: 'DKK' } },
        { productId: 'gc101-276-var', quantity: 3, faceValue: { amount: '10.5', currency: 'EUR' } },
      ],
    });
    expect(rawBody).toBe(
      `{"reference":"${reference}","products":{"gc035-208-1000":{"quote":1000,"quantity":1},"gc101-276-var":{"quote":10.5,"quantity":3}}}`,
    );
    expect(JSON.parse(rawBody).products['gc101-276-var'].quote).toBe(10.5);
  });

  it('refuses two lines of one SKU and quotes GiftHub would round', () => {
    const line = { productId: 'a', quantity: 1, faceValue: { amount: '10', currency: 'EUR' } };
    expect(() => buildCreateBody({ reference, lines: [line, line] })).toThrow(/lines\.1\.productId/);
    expect(() =>
      buildCreateBody({ reference, lines: [{ ...line, faceValue: { amount: '1.001', currency: 'EUR' } }] }),
    ).toThrow(/lines\.0\.faceValue\.amount/);
    expect(() =>
      buildCreateBody({
        reference,
        lines: [{ ...line, faceValue: { amount: '1234567890123456', currency: 'EUR' } }],
      }),
    ).toThrow(/too many digits/);
  });
});

describe('the status table (DESIGN.md)', () => {
  it('maps every published state, case-insensitively; an unknown one is processing and flagged', () => {
    expect(GIFTHUB_ORDER_STATES).toEqual({
      pending: ['created', 'confirmed'],
      processing: ['processing'],
      fulfilled: ['successful'],
      partially_fulfilled: ['partial'],
      failed: ['failed', 'rejected'],
    });
    const cases: [string, string][] = [
      ['created', 'pending'],
      ['confirmed', 'pending'],
      ['processing', 'processing'],
      ['successful', 'fulfilled'],
      ['SUCCESSFUL', 'fulfilled'],
      ['partial', 'partially_fulfilled'],
      ['failed', 'failed'],
      ['rejected', 'failed'],
    ];
    for (const [word, status] of cases)
      expect(mapGiftHubState(word)).toMatchObject({ status, recognized: true });
    expect(mapGiftHubState('on_hold')).toEqual({ status: 'processing', raw: 'on_hold', recognized: false });
  });
});

describe('mapGiftHubOrder', () => {
  const page = () =>
    JSON.parse(readFileSync(new URL('./__fixtures__/retrieve-order-response.json', import.meta.url), 'utf8'))
      .data;

  it('releases redeem data only for successful and partial orders', () => {
    for (const state of ['created', 'confirmed', 'processing']) {
      const order = mapGiftHubOrder(giftHubOrderSchema.parse({ ...page(), state }));
      expect(order.lines[0]!.vouchers).toEqual([]);
      expect(JSON.stringify(order)).not.toContain('MV97');
    }
  });

  it('reads the redeem reference’s cards[] shape', () => {
    const data = page();
    data.redeem['gc035-208-1000'] = {
      cards: [
        {
          redeemLink: 'https://redeem.example/1',
          redeemCardCode: 'CODE-1',
          redeemSerialNumber: 'SER-1',
          redeemPin: '1234',
          expirationDate: '2027-01-01',
        },
      ],
      redeemInstructions: { tnc: 't', redeem: 'r', languageCode: 'en' },
      currency: 'DKK',
      value: 1000,
    };
    const [voucher] = mapGiftHubOrder(giftHubOrderSchema.parse(data)).lines[0]!.vouchers;
    expect(voucher!.code!.reveal()).toBe('CODE-1');
    expect(voucher!.pin!.reveal()).toBe('1234');
    expect(voucher!.claimUrl!.reveal()).toBe('https://redeem.example/1');
    expect([voucher!.serial, voucher!.expiresAt, voucher!.status]).toEqual(['SER-1', '2027-01-01', 'issued']);
  });

  it('takes the face value currency from the redeem data or the invoice when shopItem lacks it', () => {
    const data = page();
    delete data.products['gc035-208-1000'].shopItem;
    expect(mapGiftHubOrder(giftHubOrderSchema.parse(data)).lines[0]!.faceValue.currency).toBe('DKK');
    delete data.redeem;
    expect(mapGiftHubOrder(giftHubOrderSchema.parse(data)).lines[0]!.faceValue.currency).toBe('DKK');
    delete data.invoice;
    expect(() => mapGiftHubOrder(giftHubOrderSchema.parse(data))).toThrow(/invalid_response/);
  });
});
