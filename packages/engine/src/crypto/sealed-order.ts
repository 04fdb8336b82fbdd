import {
  type GiftCardOrder,
  normalizeReference,
  REDACTED,
  Secret,
  VOUCHER_SECRET_FIELDS,
  type Voucher,
  type VoucherSecretField,
} from '@giftwire/core';
import { type VoucherCipher, VoucherDecryptionError } from './voucher-cipher';

const FORMAT = 'giftwire.sealed-order.v2';

/**
 * A vendor order as stored: the whole order — codes, PINs, claim URLs, and every piece of vendor free text
 * (raw status words, error messages, serial numbers, card ids) — in one AES-256-GCM envelope. Nothing a vendor
 * wrote is left in the plain JSON a database dump would show. JSON-safe.
 */
export interface SealedOrder {
  format: typeof FORMAT;
  envelope: string;
}

type PlainVoucher = Omit<Voucher, VoucherSecretField> & Partial<Record<VoucherSecretField, string>>;

/** The voucher with its secrets as text, for the inside of the envelope. */
function revealVoucher(voucher: Voucher): PlainVoucher {
  const out = { ...voucher } as PlainVoucher & Partial<Record<VoucherSecretField, unknown>>;
  for (const field of VOUCHER_SECRET_FIELDS) {
    const secret = voucher[field];
    if (secret) out[field] = secret.reveal();
    else delete out[field];
  }
  return out as PlainVoucher;
}

/**
 * The voucher with its secrets wrapped again. Envelopes written before a field was known to be secret hold
 * it as the redaction text (a `Secret` serialized as such): that is no value, so it is left out.
 */
function wrapVoucher(plain: PlainVoucher): Voucher {
  const out = { ...plain } as Voucher & Partial<Record<VoucherSecretField, unknown>>;
  for (const field of VOUCHER_SECRET_FIELDS) {
    const text = plain[field];
    if (typeof text === 'string' && text !== REDACTED) out[field] = new Secret(text);
    else delete out[field];
  }
  return out as Voucher;
}

/**
 * The authenticated data: the reference of the row the envelope is written to, supplied by the row when it
 * is opened — never read from the envelope itself. An envelope copied onto another order's row fails to
 * open there instead of showing that row another customer's codes.
 */
function boundTo(rowReference: string): string {
  return `${FORMAT}:${normalizeReference(rowReference)}`;
}

export function isSealedOrder(value: unknown): value is SealedOrder {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === FORMAT &&
    typeof (value as { envelope?: unknown }).envelope === 'string'
  );
}

/**
 * Seals an order for the row of `rowReference`: one AES-GCM operation per write, however many cards.
 *
 * @example
 * record.sealedOrder = sealOrder(vendorOrder, cipher, record.reference);
 * const order = unsealOrder(record.sealedOrder, cipher, record.reference);
 */
export function sealOrder(order: GiftCardOrder, cipher: VoucherCipher, rowReference: string): SealedOrder {
  const plain = {
    ...order,
    lines: order.lines.map((line) => ({
      ...line,
      vouchers: line.vouchers.map(revealVoucher),
    })),
  };
  return { format: FORMAT, envelope: cipher.seal(JSON.stringify(plain), boundTo(rowReference)) };
}

/**
 * Opens the envelope stored on the row of `rowReference`. Throws `VoucherDecryptionError` (naming the row,
 * never the data) when the envelope belongs to another row, was altered, or predates envelopes bound to their
 * row (`giftwire.sealed-order.v2`): such rows are not read, rather than guessed at.
 */
export function unsealOrder(sealed: unknown, cipher: VoucherCipher, rowReference: string): GiftCardOrder {
  if (!isSealedOrder(sealed)) {
    throw new VoucherDecryptionError(
      `the vendor order stored for ${normalizeReference(rowReference)} is not a ${FORMAT} envelope (written by an older release, or damaged)`,
    );
  }
  let text: string;
  try {
    text = cipher.open(sealed.envelope, boundTo(rowReference));
  } catch (cause) {
    throw new VoucherDecryptionError(
      `the vendor order stored for ${normalizeReference(rowReference)} cannot be opened: it was sealed for another order, altered, or with a key not in encryption.keys`,
      { cause },
    );
  }
  // Our own ciphertext, authenticated by GCM and bound to this row: its JSON is ours, not a vendor's.
  const plain = JSON.parse(text) as Omit<GiftCardOrder, 'lines'> & {
    lines: (Omit<GiftCardOrder['lines'][number], 'vouchers'> & { vouchers: PlainVoucher[] })[];
  };
  return {
    ...plain,
    lines: plain.lines.map((line) => ({
      ...line,
      vouchers: line.vouchers.map(wrapVoucher),
    })),
  };
}
