import { type FulfillmentOrder, type VoucherCipher, VoucherDecryptionError } from '@giftwire/engine';

/** One issued card as its owner sees it. Every field but the product and face value is a secret. */
export interface DeliveredCard {
  product_id: string;
  face_value: { amount: string; currency: string };
  code: string | null;
  pin: string | null;
  /** A second code some vendors issue to activate the card (Budgetree); null for the others. */
  activation_code: string | null;
  claim_url: string | null;
  serial: string | null;
  expires_at: string | null;
}

/** Only issued vouchers: a failed or pending one has no secret worth keeping. */
export function issuedCards(order: FulfillmentOrder): DeliveredCard[] {
  return order.lines.flatMap((line) =>
    line.vouchers
      .filter((voucher) => voucher.status === 'issued')
      .map((voucher) => ({
        product_id: line.productId,
        face_value: { amount: voucher.faceValue.amount, currency: voucher.faceValue.currency },
        code: voucher.code?.reveal() ?? null,
        pin: voucher.pin?.reveal() ?? null,
        activation_code: voucher.activationCode?.reveal() ?? null,
        claim_url: voucher.claimUrl?.reveal() ?? null,
        serial: voucher.serial ?? null,
        expires_at: voucher.expiresAt ?? null,
      })),
  );
}

/** One envelope per delivery, bound to its reference so it cannot be pasted onto another row. */
export function sealCards(cards: DeliveredCard[], reference: string, cipher: VoucherCipher): string {
  return cipher.seal(JSON.stringify(cards), reference);
}

export function openCards(sealed: string, reference: string, cipher: VoucherCipher): DeliveredCard[] {
  const parsed: unknown = JSON.parse(cipher.open(sealed, reference));
  if (!Array.isArray(parsed)) throw new VoucherDecryptionError('sealed cards are not a list');
  // Rows sealed before activation codes were kept have none.
  return (parsed as DeliveredCard[]).map((card) => ({
    ...card,
    activation_code: card.activation_code ?? null,
  }));
}

/** For people who must see that a card exists without seeing it (the admin widget). */
export function maskCard(card: DeliveredCard): DeliveredCard {
  const mask = (value: string | null) => (value === null ? null : '••••••••');
  return {
    ...card,
    code: mask(card.code),
    pin: mask(card.pin),
    activation_code: mask(card.activation_code),
    claim_url: mask(card.claim_url),
  };
}
