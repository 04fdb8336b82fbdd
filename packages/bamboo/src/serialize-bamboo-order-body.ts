import type { BambooOrderBody } from './build-bamboo-order-body';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * The Place Order body as JSON text, each `Value` written as a number token with exactly the face value's
 * decimal digits. `JSON.stringify` would need a JS number, and `Number("10.000000000000000001")` is `10`:
 * money never goes through a float on its way to the vendor.
 */
export function serializeBambooOrderBody(body: BambooOrderBody): string {
  const products = body.Products.map((product) => {
    if (!JSON_NUMBER.test(product.Value)) {
      throw new RangeError('Bamboo Place Order: Value must be a decimal string');
    }
    return `{"ProductId":${JSON.stringify(product.ProductId)},"Quantity":${JSON.stringify(product.Quantity)},"Value":${product.Value}}`;
  });
  return `{"RequestId":${JSON.stringify(body.RequestId)},"AccountId":${JSON.stringify(body.AccountId)},"Products":[${products.join(',')}]}`;
}
