import type { AccountSeed } from './sandbox-accounts';
import type { BrandSeed } from './sandbox-catalog';

/**
 * Seeds for load tests and benchmarks: `products` variable USD products (ids 900001…) with unlimited stock,
 * so Bamboo's per-product limit binds as rarely as it can, spread over with {@link loadTestProductId}.
 *
 * @example
 * const sandbox = await startBambooSandbox({ catalog: loadTestCatalog(50), accounts: loadTestAccounts });
 * const productId = loadTestProductId(orderIndex, 50);
 */
export function loadTestCatalog(products: number): BrandSeed[] {
  return [
    {
      internalId: 'LOAD0001',
      name: 'Load Test Brand',
      countryCode: 'US',
      currencyCode: 'USD',
      products: Array.from({ length: products }, (_, i) => ({
        id: 900_001 + i,
        name: `Load Card ${i + 1}`,
        minFaceValue: 5,
        maxFaceValue: 500,
        count: null,
        currencyCode: 'USD',
      })),
    },
  ];
}

/** The product of {@link loadTestCatalog} for the `i`-th order, round robin. */
export function loadTestProductId(i: number, products: number): string {
  return String(900_001 + (i % products));
}

/** One sandbox account with room for thousands of cards. */
export const loadTestAccounts: AccountSeed[] = [
  { id: 555, currency: 'USD', balance: '100000000', isActive: true, sandboxMode: true },
];
