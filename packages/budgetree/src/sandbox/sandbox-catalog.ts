/** A product the sandbox sells: face values from `min` to `max` in `currency`. */
export interface SandboxProduct {
  sku: string;
  name: string;
  currency: string;
  min: string;
  max: string;
  /** False: create refuses it (5301), as a product the account may not order. */
  available?: boolean;
}

/** The sandbox's own catalog (Budgetree's catalog API is not part of this package). */
export const sandboxCatalog: readonly SandboxProduct[] = [
  { sku: 'BT-GIFT-INR', name: 'Budgetree Gift Card (INR)', currency: 'INR', min: '10', max: '10000' },
  { sku: 'BT-GIFT-USD', name: 'Budgetree Gift Card (USD)', currency: 'USD', min: '1', max: '500' },
  { sku: 'BT-GIFT-EUR', name: 'Budgetree Gift Card (EUR)', currency: 'EUR', min: '5', max: '250' },
  {
    sku: 'BT-RETIRED',
    name: 'Retired card',
    currency: 'INR',
    min: '10',
    max: '10000',
    available: false,
  },
];

/** The SKUs of {@link sandboxCatalog}, by what they are for in tests. */
export const sandboxSkus = {
  inr: 'BT-GIFT-INR',
  usd: 'BT-GIFT-USD',
  eur: 'BT-GIFT-EUR',
  notOrderable: 'BT-RETIRED',
} as const;
