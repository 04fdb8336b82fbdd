import type { Product } from '@giftwire/core';

export interface ProductCacheOptions {
  /** How long a catalog entry is trusted before it is read again. */
  ttlMs: number;
  now: () => number;
  /** Reads one product from the vendor's catalog; `undefined` when the catalog does not have it. */
  load: (productId: string, signal?: AbortSignal) => Promise<Product | undefined>;
}

export interface ProductCache {
  /**
   * The catalog entries of `productIds`, reading the missing and stale ones (each at most once at a time).
   * An id the catalog does not have is absent from the answer. Rejects when the catalog cannot be read.
   */
  resolve(productIds: readonly string[], signal?: AbortSignal): Promise<Map<string, Product>>;
  /** Records an entry seen elsewhere (a catalog listing). */
  remember(product: Product): void;
  /** Drops entries, e.g. after the vendor refused a face value the cached entry allowed. */
  forget(productIds: readonly string[]): void;
}

/**
 * Catalog entries by product id, kept for `ttlMs`: every placement is checked against what the vendor sells,
 * without a catalog call per order. Ranges and currencies change rarely; a vendor refusal of a face value
 * the entry allowed drops it early. Missing products are not remembered, so a product added to the catalog
 * is found on the next order.
 */
export function createProductCache(options: ProductCacheOptions): ProductCache {
  const entries = new Map<string, { product: Product; at: number }>();
  const loading = new Map<string, Promise<Product | undefined>>();

  const fresh = (productId: string): Product | undefined => {
    const entry = entries.get(productId);
    if (!entry) return undefined;
    if (options.now() - entry.at < options.ttlMs) return entry.product;
    entries.delete(productId);
    return undefined;
  };

  const loadOnce = (productId: string, signal?: AbortSignal): Promise<Product | undefined> => {
    let pending = loading.get(productId);
    if (!pending) {
      pending = options
        .load(productId, signal)
        .then((product) => {
          if (product) entries.set(productId, { product, at: options.now() });
          return product;
        })
        .finally(() => loading.delete(productId));
      loading.set(productId, pending);
    }
    return pending;
  };

  return {
    async resolve(productIds, signal) {
      const found = new Map<string, Product>();
      const missing: string[] = [];
      for (const id of new Set(productIds)) {
        const product = fresh(id);
        if (product) found.set(id, product);
        else missing.push(id);
      }
      const loaded = await Promise.all(missing.map((id) => loadOnce(id, signal)));
      loaded.forEach((product, index) => {
        if (product) found.set(missing[index]!, product);
      });
      return found;
    },
    remember(product) {
      entries.set(product.id, { product, at: options.now() });
    },
    forget(productIds) {
      for (const id of productIds) entries.delete(id);
    },
  };
}
