import { type GiftCardOrder, Secret, type Voucher } from '@giftwire/core';
import type { VoucherCipher } from './voucher-cipher';

type SecretField = 'code' | 'pin' | 'claimUrl';
const SECRET_FIELDS: readonly SecretField[] = ['code', 'pin', 'claimUrl'];

/** A GiftCardOrder with every voucher secret moved into one encrypted envelope. JSON-safe. */
export interface SealedOrder extends Omit<GiftCardOrder, 'lines'> {
  lines: (Omit<GiftCardOrder['lines'][number], 'vouchers'> & { vouchers: Omit<Voucher, SecretField>[] })[];
  /** `[line, voucher, field, value][]`, encrypted with the order reference as context. */
  secrets?: string;
}

type SecretEntry = [line: number, voucher: number, field: SecretField, value: string];

/**
 * Seals an order for storage: one AES-GCM operation per write, however many cards, and nothing secret left
 * in the plain JSON that a database dump would show.
 */
export function sealOrder(order: GiftCardOrder, cipher: VoucherCipher): SealedOrder {
  const entries: SecretEntry[] = [];
  const lines = order.lines.map((line, li) => ({
    ...line,
    vouchers: line.vouchers.map((voucher, vi) => {
      const { code, pin, claimUrl, ...rest } = voucher;
      const secrets = { code, pin, claimUrl };
      for (const field of SECRET_FIELDS) {
        const secret = secrets[field];
        if (secret) entries.push([li, vi, field, secret.reveal()]);
      }
      return rest;
    }),
  }));
  const sealed: SealedOrder = { ...order, lines };
  if (entries.length > 0) sealed.secrets = cipher.seal(JSON.stringify(entries), order.reference);
  return sealed;
}

export function unsealOrder(sealed: SealedOrder, cipher: VoucherCipher): GiftCardOrder {
  const { secrets, ...rest } = sealed;
  const order: GiftCardOrder = {
    ...rest,
    lines: rest.lines.map((line) => ({ ...line, vouchers: line.vouchers.map((v) => ({ ...v })) })),
  };
  if (secrets) {
    // Our own ciphertext, authenticated by GCM: its JSON is ours, not a vendor's.
    const entries = JSON.parse(cipher.open(secrets, sealed.reference)) as SecretEntry[];
    for (const [li, vi, field, value] of entries) {
      const voucher = order.lines[li]?.vouchers[vi];
      if (voucher) voucher[field] = new Secret(value);
    }
  }
  return order;
}
