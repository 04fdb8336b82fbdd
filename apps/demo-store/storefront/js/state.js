// What every view reads: the region, the catalog, the signed-in customer and the cart.
export const state = {
  region: undefined,
  products: [],
  customer: undefined,
  cart: undefined,
};

/** Variants sorted by amount, each with its price as a decimal string. */
export function amountsOf(product) {
  return [...(product.variants ?? [])]
    .map((variant) => ({
      variant,
      amount: String(variant.calculated_price?.calculated_amount ?? ''),
      currency: (variant.calculated_price?.currency_code ?? 'usd').toUpperCase(),
    }))
    .sort((a, b) => Number(a.amount) - Number(b.amount));
}

export function productByHandle(handle) {
  return state.products.find((product) => product.handle === handle);
}

/** Delivered cards name the vendor and its product id; the seed keeps both in the product's metadata. */
export function productByVendorId(vendor, vendorProductId) {
  return state.products.find(
    (product) =>
      product.metadata?.giftwire_vendor === vendor &&
      product.metadata?.vendor_product_id === String(vendorProductId),
  );
}

export function cartCount() {
  return (state.cart?.items ?? []).reduce((sum, item) => sum + item.quantity, 0);
}

/** Who fulfils a product, from the loaded catalog: order items come without product metadata. */
export function vendorLabelOf(productId) {
  return state.products.find((product) => product.id === productId)?.metadata?.vendor_label;
}
