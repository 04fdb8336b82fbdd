// Bamboo's default catalog: seed data only; the Catalog class answers queries over it.

export interface ProductSeed {
  id: number;
  name: string;
  minFaceValue: number;
  /** Equal to `minFaceValue` for a fixed denomination. */
  maxFaceValue: number;
  /** Cards in stock: `null` unlimited, `0` out of stock. Finite stock goes down as orders are accepted. */
  count: number | null;
  currencyCode: string;
  /** `false` answers Place Order with InvalidProduct. */
  orderable?: boolean;
  /** `false` answers Place Order with ClientPriceInvalid. */
  priceValid?: boolean;
  modifiedDate?: string;
}

export interface BrandSeed {
  internalId: string;
  name: string;
  countryCode: string;
  currencyCode: string;
  description?: string;
  redemptionInstructions?: string;
  terms?: string;
  logoUrl?: string | null;
  modifiedDate?: string;
  products: ProductSeed[];
}

/** Product ids of the default catalog, so tests and examples need not repeat magic numbers. */
export const sandboxProductIds = {
  /** The docs' own product: USD 5–500, Bahrain, unlimited. */
  usdVariable: 439685,
  /** EUR 5–200, for FX charges to a USD account. */
  eurVariable: 500100,
  /** Fixed USD 25. */
  usdFixed25: 500200,
  /** Fixed USD 50 with only 3 cards in stock. */
  usdFixed50LimitedStock: 500201,
  /** GBP 10–100, out of stock. */
  gbpOutOfStock: 500300,
  /** Cannot be ordered (InvalidProduct). */
  notOrderable: 500400,
  /** Its client price is stale (ClientPriceInvalid). */
  priceInvalid: 500401,
} as const;

/** The default catalog: five brands covering each Place Order product outcome. */
export const sandboxCatalog: readonly BrandSeed[] = [
  {
    internalId: 'SBXBH0000001',
    name: 'Sandbox Store Bahrain',
    countryCode: 'BH',
    currencyCode: 'USD',
    products: [
      {
        id: sandboxProductIds.usdVariable,
        name: 'Sandbox Store Bahrain USD',
        minFaceValue: 5,
        maxFaceValue: 500,
        count: null,
        currencyCode: 'USD',
      },
    ],
  },
  {
    internalId: 'SBXDE0000002',
    name: 'Euro Games Germany',
    countryCode: 'DE',
    currencyCode: 'EUR',
    products: [
      {
        id: sandboxProductIds.eurVariable,
        name: 'Euro Games EUR',
        minFaceValue: 5,
        maxFaceValue: 200,
        count: null,
        currencyCode: 'EUR',
      },
    ],
  },
  {
    internalId: 'SBXUS0000003',
    name: 'Fixed Value Cards US',
    countryCode: 'US',
    currencyCode: 'USD',
    products: [
      {
        id: sandboxProductIds.usdFixed25,
        name: 'Fixed Value USD 25',
        minFaceValue: 25,
        maxFaceValue: 25,
        count: null,
        currencyCode: 'USD',
      },
      {
        id: sandboxProductIds.usdFixed50LimitedStock,
        name: 'Fixed Value USD 50',
        minFaceValue: 50,
        maxFaceValue: 50,
        count: 3,
        currencyCode: 'USD',
      },
    ],
  },
  {
    internalId: 'SBXGB0000004',
    name: 'Sold Out Books UK',
    countryCode: 'GB',
    currencyCode: 'GBP',
    products: [
      {
        id: sandboxProductIds.gbpOutOfStock,
        name: 'Sold Out Books GBP',
        minFaceValue: 10,
        maxFaceValue: 100,
        count: 0,
        currencyCode: 'GBP',
      },
    ],
  },
  {
    internalId: 'SBXUS0000005',
    name: 'Restricted Brands US',
    countryCode: 'US',
    currencyCode: 'USD',
    products: [
      {
        id: sandboxProductIds.notOrderable,
        name: 'Retired Product USD',
        minFaceValue: 10,
        maxFaceValue: 100,
        count: null,
        currencyCode: 'USD',
        orderable: false,
      },
      {
        id: sandboxProductIds.priceInvalid,
        name: 'Repriced Product USD',
        minFaceValue: 10,
        maxFaceValue: 100,
        count: null,
        currencyCode: 'USD',
        priceValid: false,
      },
    ],
  },
];
