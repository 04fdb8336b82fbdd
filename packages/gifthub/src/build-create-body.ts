import {
  normalizeDecimal,
  type PlaceOrderRequest,
  ValidationError,
  type ValidationIssue,
} from '@giftwire/core';

/** What we asked GiftHub for, per SKU, to compare with the order it holds. */
export interface AskedProduct {
  quote: string;
  quantity: number;
  currency: string;
}

export interface GiftHubCreateBody {
  /** JSON text: quotes are written from their decimal strings, never through a float. */
  rawBody: string;
  products: Map<string, AskedProduct>;
}

/** GiftHub quotes in whole minor units of two-decimal currencies at most (the page: `1000`). */
const MAX_FRACTION_DIGITS = 2;
/** A JSON number GiftHub parses into a double keeps its digits only up to 15 significant ones. */
const MAX_SIGNIFICANT_DIGITS = 15;

/**
 * The create body: our `reference` as the order's reference and the products keyed by SKU, each with its
 * `quote` (the face value) and `quantity`. What GiftHub could not hold as asked is refused before anything is
 * sent: two lines of one SKU (products are keyed by SKU) and quotes GiftHub would round.
 *
 * @example
 * buildCreateBody({ reference, lines: [{ productId: 'gc035-208-1000', quantity: 1, faceValue: { amount: '1000', currency: 'DKK' } }] }).rawBody;
 * // '{"reference":"…","products":{"gc035-208-1000":{"quote":1000,"quantity":1}}}'
 */
export function buildCreateBody(request: PlaceOrderRequest): GiftHubCreateBody {
  const issues: ValidationIssue[] = [];
  const products = new Map<string, AskedProduct>();
  request.lines.forEach((line, index) => {
    if (products.has(line.productId)) {
      issues.push({
        path: `lines.${index}.productId`,
        message: 'appears in an earlier line; GiftHub keys products by SKU, so merge the lines',
      });
      return;
    }
    const quote = normalizeDecimal(line.faceValue.amount);
    const [whole = '', fraction = ''] = quote.split('.');
    if (fraction.length > MAX_FRACTION_DIGITS) {
      issues.push({
        path: `lines.${index}.faceValue.amount`,
        message: `must have at most ${MAX_FRACTION_DIGITS} decimals`,
      });
      return;
    }
    if ((whole.replace(/^0+/, '') + fraction).length > MAX_SIGNIFICANT_DIGITS) {
      issues.push({ path: `lines.${index}.faceValue.amount`, message: 'has too many digits' });
      return;
    }
    products.set(line.productId, { quote, quantity: line.quantity, currency: line.faceValue.currency });
  });
  if (issues.length > 0) throw new ValidationError('GiftHub order', issues);
  const entries = [...products].map(
    ([sku, p]) => `${JSON.stringify(sku)}:{"quote":${p.quote},"quantity":${p.quantity}}`,
  );
  return {
    rawBody: `{"reference":${JSON.stringify(request.reference)},"products":{${entries.join(',')}}}`,
    products,
  };
}
