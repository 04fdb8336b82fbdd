import { money, normalizeDecimal, type Product } from '@giftwire/core';
import { BAMBOO_VENDOR } from './map-bamboo-order';
import type { BambooBrand } from './schemas';

/** Bamboo pages its catalog by brand; each brand's products become vendor-neutral catalog entries. */
export function mapBambooBrand(brand: BambooBrand): Product[] {
  return (brand.products ?? []).map((product) => {
    const min = normalizeDecimal(product.minFaceValue);
    const max = normalizeDecimal(product.maxFaceValue);
    const entry: Product = {
      vendor: BAMBOO_VENDOR,
      id: String(product.id),
      name: product.name ?? brand.name ?? String(product.id),
      brand: brand.name ?? '',
      currency: brand.currencyCode,
      // A fixed denomination is published as min = max.
      denomination: min === max ? { type: 'fixed', values: [min] } : { type: 'range', min, max },
      // `count: null` means unlimited stock.
      stock: product.count ?? null,
    };
    if (brand.countryCode) entry.country = brand.countryCode;
    const price = product.price;
    if (price?.currencyCode && price.min !== null && price.min !== undefined) {
      entry.price = {
        min: money(price.min, price.currencyCode),
        max: money(price.max ?? price.min, price.currencyCode),
      };
    }
    if (brand.description) entry.description = brand.description;
    if (brand.logoUrl) entry.imageUrl = brand.logoUrl;
    const updated = product.modifiedDate ?? brand.modifiedDate;
    if (updated) entry.updatedAt = updated;
    return entry;
  });
}
