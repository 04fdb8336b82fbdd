import { normalizeDecimal, type Product } from '@giftwire/core';
import { STARSHIP_VENDOR } from './map-starship-order';
import type { StarshipProduct } from './schemas';

/**
 * A Starship catalog entry as a core `Product`: fixed `available_denominations`, or a min/max range when
 * the product publishes one. Products carry their currency where Starship says; else the account's.
 */
export function mapStarshipProduct(product: StarshipProduct, fallbackCurrency: string): Product {
  const values = (product.available_denominations ?? []).map((v) => normalizeDecimal(v));
  const denomination: Product['denomination'] =
    values.length > 0
      ? { type: 'fixed', values }
      : {
          type: 'range',
          min: normalizeDecimal(product.min_denomination ?? '0'),
          max: normalizeDecimal(product.max_denomination ?? product.min_denomination ?? '0'),
        };
  const mapped: Product = {
    vendor: STARSHIP_VENDOR,
    id: String(product.id),
    name: product.name,
    brand: product.brand ?? product.name,
    currency: (product.currency ?? fallbackCurrency).toUpperCase(),
    denomination,
    stock: product.stock ?? null,
  };
  if (product.country) mapped.country = product.country.toUpperCase();
  if (product.description) mapped.description = product.description;
  if (product.image_url) mapped.imageUrl = product.image_url;
  if (product.updated_at) mapped.updatedAt = product.updated_at;
  return mapped;
}
