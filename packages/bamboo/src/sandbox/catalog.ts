import { D, type FxRates } from '@giftwire/sandbox-kit';
import { parseVendorTime } from './format-vendor-time';
import type { BrandSeed } from './sandbox-catalog';

/** When a seed names no modification date: the docs' own example timestamp. */
const SEED_DATE = '2024-05-16T04:36:35.3673422';

export interface CatalogProduct {
  readonly id: number;
  readonly name: string;
  readonly minFaceValue: D;
  readonly maxFaceValue: D;
  /** Mutable: accepted orders take finite stock. */
  count: number | null;
  readonly currencyCode: string;
  readonly countryCode: string;
  readonly orderable: boolean;
  readonly priceValid: boolean;
  readonly modifiedDate: string;
  readonly modifiedMs: number;
  readonly brand: CatalogBrand;
}

interface CatalogBrand {
  readonly seed: BrandSeed;
  readonly modifiedDate: string;
  readonly products: CatalogProduct[];
}

export type CatalogQueryResult =
  | { ok: true; body: { pageIndex: number; pageSize: number; count: number; items: unknown[] } }
  | { ok: false; message: string };

/** The seeded brands with a product index for Place Order and the filters of Get Catalog. */
export class Catalog {
  readonly #brands: CatalogBrand[] = [];
  readonly #products = new Map<number, CatalogProduct>();

  constructor(seeds: readonly BrandSeed[]) {
    for (const seed of seeds) {
      const modifiedDate = seed.modifiedDate ?? SEED_DATE;
      const brand: CatalogBrand = { seed, modifiedDate, products: [] };
      for (const p of seed.products) {
        if (this.#products.has(p.id)) throw new TypeError(`catalog: product id ${p.id} appears twice`);
        const min = new D(p.minFaceValue);
        const max = new D(p.maxFaceValue);
        if (min.gt(max)) throw new TypeError(`catalog: product ${p.id} has minFaceValue > maxFaceValue`);
        const productModified = p.modifiedDate ?? modifiedDate;
        const product: CatalogProduct = {
          id: p.id,
          name: p.name,
          minFaceValue: min,
          maxFaceValue: max,
          count: p.count,
          currencyCode: p.currencyCode,
          countryCode: seed.countryCode,
          orderable: p.orderable ?? true,
          priceValid: p.priceValid ?? true,
          modifiedDate: productModified,
          modifiedMs: parseVendorTime(productModified) ?? 0,
          brand,
        };
        brand.products.push(product);
        this.#products.set(p.id, product);
      }
      this.#brands.push(brand);
    }
  }

  /** ClientCatalogNotExist: nothing at all to sell. */
  get isEmpty(): boolean {
    return this.#products.size === 0;
  }

  product(id: number): CatalogProduct | undefined {
    return this.#products.get(id);
  }

  /** Get Catalog: filters narrow brands and products; pages count brands, not products. */
  query(params: URLSearchParams, fx: FxRates): CatalogQueryResult {
    const get = (name: string) => queryParam(params, name);
    const pageSize = parseNonNegativeInt(get('PageSize') ?? '100');
    const pageIndex = parseNonNegativeInt(get('PageIndex') ?? '0');
    if (pageSize === undefined || pageSize < 1)
      return { ok: false, message: 'PageSize must be a positive integer' };
    if (pageIndex === undefined) return { ok: false, message: 'PageIndex must be a non-negative integer' };

    const currency = get('CurrencyCode')?.toUpperCase();
    const country = get('CountryCode')?.toUpperCase();
    const name = get('Name')?.toLowerCase();
    const brandId = get('BrandId')?.toLowerCase();
    const target = get('TargetCurrency')?.toUpperCase();
    const productIdText = get('ProductId');
    const productId = productIdText === undefined ? undefined : Number(productIdText);
    if (productId !== undefined && !Number.isInteger(productId)) {
      return { ok: false, message: 'ProductId must be an integer' };
    }
    const modifiedText = get('ModifiedDate');
    const modifiedSince = modifiedText === undefined ? undefined : parseVendorTime(modifiedText);
    if (modifiedText !== undefined && modifiedSince === undefined) {
      return { ok: false, message: 'ModifiedDate must be a date' };
    }
    const narrowsProducts = productId !== undefined || modifiedSince !== undefined;

    const matched: { brand: CatalogBrand; products: CatalogProduct[] }[] = [];
    for (const brand of this.#brands) {
      const seed = brand.seed;
      if (currency && seed.currencyCode.toUpperCase() !== currency) continue;
      if (country && seed.countryCode.toUpperCase() !== country) continue;
      if (name && !seed.name.toLowerCase().includes(name)) continue;
      if (brandId && seed.internalId.toLowerCase() !== brandId) continue;
      const products = brand.products.filter(
        (p) =>
          (productId === undefined || p.id === productId) &&
          (modifiedSince === undefined || p.modifiedMs >= modifiedSince),
      );
      if (narrowsProducts && products.length === 0) continue;
      matched.push({ brand, products });
    }

    const items: unknown[] = [];
    for (const { brand, products } of matched.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize)) {
      const productJson: unknown[] = [];
      for (const product of products) {
        const priceCurrency = target ?? product.currencyCode;
        const rate = fx.rate(product.currencyCode, priceCurrency);
        if (!rate) return { ok: false, message: `No rate from ${product.currencyCode} to ${priceCurrency}` };
        productJson.push({
          id: product.id,
          name: product.name,
          minFaceValue: product.minFaceValue.toNumber(),
          maxFaceValue: product.maxFaceValue.toNumber(),
          count: product.count,
          price: {
            min: product.minFaceValue.mul(rate).toNumber(),
            max: product.maxFaceValue.mul(rate).toNumber(),
            currencyCode: priceCurrency,
          },
          modifiedDate: product.modifiedDate,
        });
      }
      const seed = brand.seed;
      items.push({
        internalId: seed.internalId,
        name: seed.name,
        countryCode: seed.countryCode,
        currencyCode: seed.currencyCode,
        description: seed.description ?? `${seed.name} gift card (sandbox).`,
        redemptionInstructions: seed.redemptionInstructions ?? 'Redeem the code at checkout.',
        terms: seed.terms ?? 'Sandbox card: not redeemable anywhere.',
        logoUrl: seed.logoUrl ?? null,
        modifiedDate: brand.modifiedDate,
        products: productJson,
      });
    }
    return { ok: true, body: { pageIndex, pageSize, count: matched.length, items } };
  }
}

/** ASP.NET binds query names case-insensitively, so `pageSize` and `PageSize` both work. */
function queryParam(params: URLSearchParams, name: string): string | undefined {
  const exact = params.get(name);
  if (exact !== null) return exact === '' ? undefined : exact;
  const lower = name.toLowerCase();
  for (const [key, value] of params) {
    if (key.toLowerCase() === lower) return value === '' ? undefined : value;
  }
  return undefined;
}

function parseNonNegativeInt(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
