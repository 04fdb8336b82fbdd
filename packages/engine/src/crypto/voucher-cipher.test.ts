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
              activationCode: new Secret('ACT-5555'),
              serial: 'SERIAL-TEXT',
              rawStatus: 'Sold-RAW',
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
    const sealed = sealOrder(order, cipher, 'ref-9');
    const json = JSON.stringify(sealed);
    for (const secret of ['AAA-111', '9876', 'ACT-5555', 'claim.example', 'SERIAL-TEXT', 'Sold-RAW'])
      expect(json).not.toContain(secret);
    const back = unsealOrder(JSON.parse(json), cipher, 'REF-9');
    expect(back.lines[0]!.vouchers[0]!.serial).toBe('SERIAL-TEXT');
    expect(back.lines[0]!.vouchers[0]!.code?.reveal()).toBe('AAA-111');
    expect(back.lines[0]!.vouchers[0]!.pin?.reveal()).toBe('9876');
    // Budgetree's activation code is a secret of its own: kept, not stored as "[redacted]".
    expect(back.lines[0]!.vouchers[0]!.activationCode?.reveal()).toBe('ACT-5555');
    expect(back.lines[0]!.vouchers[1]!.claimUrl?.reveal()).toBe('https://claim.example/x');
  });

  it('drops a secret that an older release stored as the redaction text instead of showing "[redacted]"', () => {
    const cipher = createVoucherCipher({ keys: { k1 }, activeKeyId: 'k1' });
    const voucher = {
      status: 'issued',
      code: 'AAA-111',
      activationCode: '[redacted]',
      faceValue: money('10', 'USD'),
    };
    const plain = {
      vendor: 'budgetree',
      reference: 'ref-old',
      status: 'fulfilled',
      lines: [{ productId: '1', quantity: 1, faceValue: money('10', 'USD'), vouchers: [voucher] }],
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const sealed = {
      format: 'giftwire.sealed-order.v2',
      envelope: cipher.seal(JSON.stringify(plain), 'giftwire.sealed-order.v2:ref-old'),
    };
    const [back] = unsealOrder(sealed, cipher, 'ref-old').lines[0]!.vouchers;
    expect(back!.code?.reveal()).toBe('AAA-111');
    expect(back!.activationCode).toBeUndefined();
  });

  it('binds an envelope to the row it is opened for: on another row it fails, naming no secret', () => {
    const cipher = createVoucherCipher({ keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' });
    const order = {
      vendor: 'v',
      reference: 'ref-a',
      status: 'fulfilled' as const,
      lines: [
        {
          productId: '1',
          quantity: 1,
          faceValue: money('10', 'USD'),
          vouchers: [
            { status: 'issued' as const, code: new Secret('CODE-OF-A'), faceValue: money('10', 'USD') },
          ],
        },
      ],
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const sealed = sealOrder(order, cipher, 'ref-a');
    let caught: unknown;
    try {
      unsealOrder(sealed, cipher, 'ref-b');
    } catch (error) {
      caught = error;
    }
    expect(VoucherDecryptionError.isInstance(caught)).toBe(true);
    expect(String((caught as Error).message)).not.toContain('CODE-OF-A');
    // The envelope of the old format (secrets bound to a reference inside the envelope) is not read.
    expect(() => unsealOrder({ ...order, lines: [], secrets: 'gw1:k1:a:b:c' }, cipher, 'ref-a')).toThrow(
      /not a giftwire\.sealed-order\.v2 envelope/,
    );
  });
});
