import { ConfigurationError, money, Secret } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { sealOrder, unsealOrder } from './sealed-order';
import { createVoucherCipher, generateEncryptionKey, VoucherDecryptionError } from './voucher-cipher';

const k1 = generateEncryptionKey();
const k2 = generateEncryptionKey();

describe('voucher cipher', () => {
  it('round-trips with a random IV each time', () => {
    const cipher = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' });
    const a = cipher.seal('CODE-123', 'ref-1');
    const b = cipher.seal('CODE-123', 'ref-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('CODE-123');
    expect(a.startsWith('gw1:k1:')).toBe(true);
    expect(cipher.open(a, 'ref-1')).toBe('CODE-123');
  });

  it('reads old data after rotation and writes with the new key', () => {
    const old = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' }).seal('OLD', 'ref');
    const rotated = createVoucherCipher({ keys: { k1, k2 }, activeKeyId: 'k2' });
    expect(rotated.open(old, 'ref')).toBe('OLD');
    expect(rotated.seal('NEW', 'ref').startsWith('gw1:k2:')).toBe(true);
  });

  it('fails clearly on a missing key, a wrong key, another order or tampering — never with garbage', () => {
    const sealed = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' }).seal('SECRET', 'ref');
    const missing = createVoucherCipher({ keys: { k2 }, activeKeyId: 'k2' });
    expect(() => missing.open(sealed, 'ref')).toThrow(
      /encrypted with key "k1", which is not in encryption.keys/,
    );
    const wrong = createVoucherCipher({ keys: { k1: k2 }, activeKeyId: 'k1' });
    expect(() => wrong.open(sealed, 'ref')).toThrow(VoucherDecryptionError);
    expect(() => wrong.open(sealed, 'ref')).toThrow(/not the one it was encrypted with/);
    const right = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' });
    expect(() => right.open(sealed, 'another-ref')).toThrow(VoucherDecryptionError);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => right.open(tampered, 'ref')).toThrow(VoucherDecryptionError);
  });

  it('validates its settings without echoing key material', () => {
    expect(() => createVoucherCipher({ keys: { k1: 'c2hvcnQ=' }, activeKeyId: 'k1' })).toThrow(
      /must be 32 bytes/,
    );
    expect(() => createVoucherCipher({ keys: { k1 }, activeKeyId: 'k9' })).toThrow(ConfigurationError);
    try {
      createVoucherCipher({ keys: { k1: 'c2hvcnQ=' }, activeKeyId: 'k1' });
    } catch (error) {
      expect((error as Error).message).not.toContain('c2hvcnQ=');
    }
  });
});

describe('sealed orders', () => {
  it('moves every voucher secret into one envelope and back', () => {
    const cipher = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' });
    const order = {
      vendor: 'bamboo',
      reference: 'ref-9',
      status: 'fulfilled' as const,
      lines: [
        {
          productId: '1',
          quantity: 2,
          faceValue: money('10', 'USD'),
          vouchers: [
            {
              status: 'issued' as const,
              code: new Secret('AAA-111'),
              pin: new Secret('9876'),
              faceValue: money('10', 'USD'),
            },
            {
              status: 'issued' as const,
              claimUrl: new Secret('https://claim.example/x'),
              faceValue: money('10', 'USD'),
            },
          ],
        },
      ],
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const sealed = sealOrder(order, cipher);
    const json = JSON.stringify(sealed);
    for (const secret of ['AAA-111', '9876', 'claim.example']) expect(json).not.toContain(secret);
    const back = unsealOrder(JSON.parse(json), cipher);
    expect(back.lines[0]!.vouchers[0]!.code?.reveal()).toBe('AAA-111');
    expect(back.lines[0]!.vouchers[0]!.pin?.reveal()).toBe('9876');
    expect(back.lines[0]!.vouchers[1]!.claimUrl?.reveal()).toBe('https://claim.example/x');
  });
});
