import {
  compareMoney,
  type PlaceOrderRequest,
  type Product,
  parsePlaceOrderRequest,
  ValidationError,
  type ValidationIssue,
} from '@giftwire/core';

export const BAMBOO_MAX_CARDS_PER_ORDER = 500;

export interface BambooOrderBody {
  RequestId: string;
  AccountId: number;
  Products: { ProductId: number; Quantity: number; Value: number }[];
}

/**
 * Rejects before sending what Bamboo would reject (bamboo-place-order.txt), so a bad request costs no call
 * and no rate-limit slot. `knownProducts` is what the catalog has shown this client; unknown products are
 * left for Bamboo to judge.
 */
export function buildBambooOrderBody(
  input: unknown,
  accountId: number,
  knownProducts: ReadonlyMap<string, Product>,
): { request: PlaceOrderRequest; body: BambooOrderBody } {
  const request = parsePlaceOrderRequest(input);
  const issues: ValidationIssue[] = [];

  const totalCards = request.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (totalCards > BAMBOO_MAX_CARDS_PER_ORDER) {
    issues.push({
      path: 'lines',
      message: `must hold at most ${BAMBOO_MAX_CARDS_PER_ORDER} cards in total (has ${totalCards})`,
    });
  }

  request.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    if (!/^[1-9]\d*$/.test(line.productId)) {
      issues.push({ path: `${path}.productId`, message: 'must be a Bamboo product id (a whole number)' });
    }
    const product = knownProducts.get(line.productId);
    if (!product) return;
    if (product.currency !== line.faceValue.currency) {
      issues.push({
        path: `${path}.faceValue.currency`,
        message: `must be ${product.currency} for this product`,
      });
      return;
    }
    const range =
      product.denomination.type === 'range'
        ? { min: product.denomination.min, max: product.denomination.max }
        : undefined;
    if (range) {
      const value = line.faceValue;
      const tooLow = compareMoney(value, { amount: range.min, currency: value.currency }) < 0;
      const tooHigh = compareMoney(value, { amount: range.max, currency: value.currency }) > 0;
      if (tooLow || tooHigh) {
        issues.push({
          path: `${path}.faceValue.amount`,
          message: `must be between ${range.min} and ${range.max}`,
        });
      }
    } else if (product.denomination.type === 'fixed') {
      const allowed = product.denomination.values;
      const matches = allowed.some(
        (v) => compareMoney(line.faceValue, { amount: v, currency: line.faceValue.currency }) === 0,
      );
      if (!matches)
        issues.push({ path: `${path}.faceValue.amount`, message: `must be one of ${allowed.join(', ')}` });
    }
  });

  if (issues.length > 0) throw new ValidationError('Bamboo order', issues);

  return {
    request,
    body: {
      RequestId: request.reference,
      AccountId: accountId,
      Products: request.lines.map((line) => ({
        ProductId: Number(line.productId),
        Quantity: line.quantity,
        // Bamboo's Value is a JSON number; face values are short decimals that survive the conversion.
        Value: Number(line.faceValue.amount),
      })),
    },
  };
}
