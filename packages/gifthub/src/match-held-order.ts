import { normalizeDecimal, sameReference } from '@giftwire/core';
import type { AskedProduct } from './build-create-body';
import type { GiftHubOrder } from './schemas';

/**
 * Whether the order GiftHub holds for our reference is the one we asked for: the same reference, exactly
 * our SKUs, each at our quote and quantity (and currency, where GiftHub names it). Only such an order is
 * ever confirmed. Problems are our own words naming fields, never the vendor's values.
 *
 * @example
 * const problems = matchHeldOrder(held, reference, body.products);
 * if (problems.length === 0) await confirm(held.uid);
 */
export function matchHeldOrder(
  order: GiftHubOrder,
  reference: string,
  asked: ReadonlyMap<string, AskedProduct>,
): string[] {
  const problems: string[] = [];
  if (!order.reference || !sameReference(order.reference, reference)) {
    problems.push('the held order carries another reference');
  }
  const held = Object.entries(order.products ?? {});
  if (held.length !== asked.size) problems.push('the held order has other products');
  for (const [key, entry] of held) {
    const sku = entry.sku ?? key;
    const wanted = asked.get(sku);
    if (!wanted) {
      problems.push('the held order has a product we did not ask for');
      continue;
    }
    if (normalizeDecimal(entry.request.quote) !== wanted.quote) problems.push(`${sku}: another quote`);
    if (entry.request.quantity !== wanted.quantity) problems.push(`${sku}: another quantity`);
    const currency = entry.shopItem?.baseCurrency;
    if (currency && currency.toUpperCase() !== wanted.currency) problems.push(`${sku}: another currency`);
  }
  return problems;
}
