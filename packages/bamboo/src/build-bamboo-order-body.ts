import {
  compareMoney,
  normalizeDecimal,
  type PlaceOrderRequest,
  type Product,
  parsePlaceOrderRequest,
  ValidationError,
  type ValidationIssue,
} from '@giftwire/core';

export const BAMBOO_MAX_CARDS_PER_ORDER = 500;

/**
 * Digits a JSON number keeps through any IEEE-754 double parser. Bamboo's `Value` is a JSON number, so a
 * longer face value could reach it as another amount.
 */
const MAX_SIGNIFICANT_DIGITS = 15;

export interface BambooOrderBody {
  RequestId: string;
  AccountId: number;
  /** `Value` is the face value as canonical decimal text; it is written into the JSON as a number token. */
  Products: { ProductId: number; Quantity: number; Value: string }[];
}

/** Bamboo product ids are whole numbers; anything else is refused before the catalog is asked. */
export function isBambooProductId(productId: string): boolean {
  return /^[1-9]\d{0,15}$/.test(productId);
}

/**
 * Rejects before sending what Bamboo would reject or silently change (bamboo-place-order.txt), so a bad
 * request costs no call, no rate-limit slot and no money. `products` must hold the catalog entry of every
 * line's product: a line whose product is not there is refused, never sent unchecked — a "10 EUR" line for a
 * USD product would otherwise be issued as a USD 10 card, since Bamboo's `Value` carries no currency.
 */
export function buildBambooOrderBody(
  input: unknown,
  accountId: number,
  products: ReadonlyMap<string, Product>,
): { request: PlaceOrderRequest; body: BambooOrderBody } {
  const request = parsePlaceOrderRequest(input);
  const issues = checkBambooLines(request, products);
  if (issues.length > 0) throw new ValidationError('Bamboo order', issues);
  return {
    request,
    body: {
      RequestId: request.reference,
      AccountId: accountId,
      Products: request.lines.map((line) => ({
        ProductId: Number(line.productId),
        Quantity: line.quantity,
        Value: normalizeDecimal(line.faceValue.amount),
      })),
    },
  };
}

/** Every issue with the request's lines against Bamboo's rules and the products' catalog entries. */
export function checkBambooLines(
  request: PlaceOrderRequest,
  products: ReadonlyMap<string, Product>,
): ValidationIssue[] {
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
    if (!isBambooProductId(line.productId)) {
      issues.push({ path: `${path}.productId`, message: 'must be a Bamboo product id (a whole number)' });
      return;
    }
    const product = products.get(line.productId);
    if (!product) {
      issues.push({ path: `${path}.productId`, message: "is not in this client's Bamboo catalog" });
      return;
    }
    const issue = faceValueIssue(line.faceValue, product);
    if (issue) issues.push({ path: `${path}.${issue.field}`, message: issue.message });
  });
  return issues;
}

function faceValueIssue(
  faceValue: { amount: string; currency: string },
  product: Product,
): { field: 'faceValue.currency' | 'faceValue.amount'; message: string } | undefined {
  if (faceValue.currency !== product.currency) {
    return { field: 'faceValue.currency', message: `must be ${product.currency} for this product` };
  }
  const amount = normalizeDecimal(faceValue.amount);
  const places = decimalPlaces(amount);
  const allowedPlaces = minorUnitDigits(product.currency);
  // Refused, never rounded: a rounded face value is a different card from the one that was paid for.
  if (places > allowedPlaces) {
    return {
      field: 'faceValue.amount',
      message: `must have at most ${allowedPlaces} decimal places for ${product.currency} (it is never rounded)`,
    };
  }
  if (significantDigits(amount) > MAX_SIGNIFICANT_DIGITS) {
    return { field: 'faceValue.amount', message: `must have at most ${MAX_SIGNIFICANT_DIGITS} digits` };
  }
  const money = { amount, currency: product.currency };
  if (product.denomination.type === 'range') {
    const { min, max } = product.denomination;
    const tooLow = compareMoney(money, { amount: min, currency: product.currency }) < 0;
    const tooHigh = compareMoney(money, { amount: max, currency: product.currency }) > 0;
    if (tooLow || tooHigh) return { field: 'faceValue.amount', message: `must be between ${min} and ${max}` };
    return undefined;
  }
  const allowed = product.denomination.values;
  const matches = allowed.some((v) => compareMoney(money, { amount: v, currency: product.currency }) === 0);
  return matches ? undefined : { field: 'faceValue.amount', message: `must be one of ${allowed.join(', ')}` };
}

function decimalPlaces(canonical: string): number {
  const dot = canonical.indexOf('.');
  return dot === -1 ? 0 : canonical.length - dot - 1;
}

function significantDigits(canonical: string): number {
  return canonical.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
}

/** The currency's minor unit (USD 2, JPY 0, BHD 3), from the runtime's ISO 4217 data. */
function minorUnitDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}
