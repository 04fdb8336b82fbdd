import type { SandboxOrder } from './gifthub-api';

/** Redeem data of a delivered order, in the order's published shape (the page's or the redeem reference's). */
export function redeemJson(order: SandboxOrder): Record<string, unknown> {
  const redeem: Record<string, unknown> = {};
  for (const line of order.lines) {
    if (line.cards.length === 0) continue;
    const common = { currency: line.item.baseCurrency, value: line.quote.toNumber() };
    redeem[line.sku] =
      order.redeemShape === 'pins'
        ? { redeemPin: line.cards.map((c) => c.code), ...common, redeemLink: line.link }
        : {
            cards: line.cards.map((c) => ({
              redeemLink: c.link,
              redeemCardCode: c.code,
              redeemSerialNumber: c.serial,
              redeemPin: c.pin,
              expirationDate: c.expirationDate,
            })),
            redeemInstructions: {
              tnc: 'Sandbox card: redeems nowhere.',
              redeem: 'Enter the code at checkout.',
              languageCode: 'en',
            },
            ...common,
          };
  }
  return redeem;
}
