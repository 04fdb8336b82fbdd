import type { AccountSeed, BrandSeed } from '@giftwire/bamboo/sandbox';

/** Product ids 900001… with unlimited stock, so Bamboo's per-product limit never binds a load test. */
export function bulkCatalog(products: number): BrandSeed[] {
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

export const bulkProductId = (i: number, products: number) => String(900_001 + (i % products));

/** One sandbox account with room for thousands of cards. */
export const bulkAccounts: AccountSeed[] = [
  { id: 555, currency: 'USD', balance: '100000000', isActive: true, sandboxMode: true },
];
