import { normalizeDecimal, type Product } from '@giftwire/core';
import { GIFTHUB_VENDOR } from './map-gifthub-order';
import type { GiftHubShopItem } from './schemas';

const UNAVAILABLE: ReadonlySet<string> = new Set(['inactive', 'disabled', 'out_of_stock', 'unavailable']);

/**
 * A shop item as a catalog entry, or `undefined` when it cannot be sold by face value (no currency, or
 * neither a fixed quote nor a quote range).
 *
 * @example
 * mapGiftHubProduct({ productId: 'gc035-208-1000', name: 'Adidas DK-1000', baseCurrency: 'DKK', productType: 'fixed', quote: 1000 });
 */
export function mapGiftHubProduct(item: GiftHubShopItem): Product | undefined {
  if (!item.baseCurrency) return undefined;
  let denomination: Product['denomination'];
  if (item.minQuote != null && item.maxQuote != null && item.productType !== 'fixed') {
    denomination = {
      type: 'range',
      min: normalizeDecimal(item.minQuote),
      max: normalizeDecimal(item.maxQuote),
    };
  } else if (item.quote != null) {
    denomination = { type: 'fixed', values: [normalizeDecimal(item.quote)] };
  } else {
    return undefined;
  }
  const product: Product = {
    vendor: GIFTHUB_VENDOR,
    id: item.productId,
    name: item.name ?? item.productId,
    brand: item.brand ?? item.name ?? '',
    currency: item.baseCurrency.toUpperCase(),
    denomination,
    // GiftHub publishes an item `state`, not a count.
    stock: item.state && UNAVAILABLE.has(item.state.toLowerCase()) ? 0 : null,
  };
  if (item.country) product.country = item.country;
  if (item.description) product.description = item.description;
  if (item.image) product.imageUrl = item.image;
  return product;
}
