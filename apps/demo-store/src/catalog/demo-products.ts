import type { BrandSeed } from '@giftwire/bamboo/sandbox';

/** A vendor the demo runs a sandbox for; each later vendor package adds its name here. */
export type DemoVendor = 'bamboo';

export const DEMO_VENDORS: readonly DemoVendor[] = ['bamboo'];

/** Shown on product pages: who fulfils the card. */
export const VENDOR_LABELS: Record<DemoVendor, string> = { bamboo: 'Bamboo Card' };

/** One gift card in the shop: a Medusa product whose variants are amounts, all mapped to one vendor product. */
export interface DemoProduct {
  handle: string;
  title: string;
  tagline: string;
  description: string;
  vendor: DemoVendor;
  /** The vendor's product id (a string, as giftwire's order model wants it). */
  vendorProductId: string;
  currency: 'USD';
  /** Decimal strings: each becomes a variant priced at its face value. */
  amounts: readonly string[];
  /** Card art: the storefront paints a gradient card from these, so the demo needs no image files. */
  art: { from: string; to: string; ink: string; monogram: string };
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    handle: 'aurora-coffee',
    title: 'Aurora Coffee',
    tagline: 'Beans, brews and pastries',
    description: 'Good for any drink, any size, in every Aurora café and on the Aurora app.',
    vendor: 'bamboo',
    vendorProductId: '700101',
    currency: 'USD',
    amounts: ['10', '25', '50'],
    art: { from: '#7c2d12', to: '#f59e0b', ink: '#fff7ed', monogram: 'AC' },
  },
  {
    handle: 'pixel-arcade',
    title: 'Pixel Arcade',
    tagline: 'Games, add-ons and in-game currency',
    description: 'Redeem on the Pixel Arcade store for games, downloadable content and wallet top-ups.',
    vendor: 'bamboo',
    vendorProductId: '700201',
    currency: 'USD',
    amounts: ['15', '30', '60'],
    art: { from: '#312e81', to: '#db2777', ink: '#fdf2f8', monogram: 'PA' },
  },
  {
    handle: 'northwind-books',
    title: 'Northwind Books',
    tagline: 'Ebooks and audiobooks',
    description: 'Millions of ebooks and audiobooks; the balance never expires in your Northwind account.',
    vendor: 'bamboo',
    vendorProductId: '700301',
    currency: 'USD',
    amounts: ['10', '20', '50'],
    art: { from: '#064e3b', to: '#14b8a6', ink: '#f0fdfa', monogram: 'NB' },
  },
  {
    handle: 'trailhead-outdoors',
    title: 'Trailhead Outdoors',
    tagline: 'Gear for every trail',
    description: 'Tents, boots and everything in between, online and in Trailhead stores.',
    vendor: 'bamboo',
    vendorProductId: '700401',
    currency: 'USD',
    amounts: ['25', '50', '100'],
    art: { from: '#1e3a8a', to: '#0ea5e9', ink: '#f0f9ff', monogram: 'TO' },
  },
  {
    handle: 'harbor-market',
    title: 'Harbor Market',
    tagline: 'Groceries and home',
    description: 'Any amount from $5 to $500 — the product from Bamboo’s own documentation.',
    vendor: 'bamboo',
    vendorProductId: '439685',
    currency: 'USD',
    amounts: ['10', '50', '100'],
    art: { from: '#3f3f46', to: '#a1a1aa', ink: '#fafafa', monogram: 'HM' },
  },
  {
    handle: 'cinestar-movies',
    title: 'CineStar Movies',
    tagline: 'Tickets and snacks',
    description: 'A fixed-value card: one evening at the movies, popcorn included.',
    vendor: 'bamboo',
    vendorProductId: '500200',
    currency: 'USD',
    amounts: ['25'],
    art: { from: '#7f1d1d', to: '#ef4444', ink: '#fef2f2', monogram: 'CS' },
  },
];

/** The variant SKU is what the provider maps to a vendor product (variants reach providers without metadata). */
export function variantSku(product: DemoProduct, amount: string): string {
  return `GW-${product.vendor.toUpperCase()}-${product.vendorProductId}-${amount}`;
}

/** The `products` option of the giftwire fulfillment provider for one vendor. */
export function providerProducts(
  vendor: DemoVendor,
): Record<string, { productId: string; faceValue: { amount: string; currency: string } }> {
  const entries = DEMO_PRODUCTS.filter((product) => product.vendor === vendor).flatMap((product) =>
    product.amounts.map((amount) => [
      variantSku(product, amount),
      { productId: product.vendorProductId, faceValue: { amount, currency: product.currency } },
    ]),
  );
  return Object.fromEntries(entries);
}

/**
 * Brands the demo adds to the Bamboo sandbox's default catalog (which already has 439685 and 500200), so the
 * shop's made-up brands exist at the vendor with open USD ranges.
 */
export const BAMBOO_DEMO_BRANDS: BrandSeed[] = DEMO_PRODUCTS.filter(
  (product) => product.vendor === 'bamboo' && product.vendorProductId.startsWith('700'),
).map((product, index) => ({
  internalId: `DEMOUS${String(index + 1).padStart(6, '0')}`,
  name: product.title,
  countryCode: 'US',
  currencyCode: 'USD',
  products: [
    {
      id: Number(product.vendorProductId),
      name: `${product.title} USD`,
      minFaceValue: 5,
      maxFaceValue: 500,
      count: null,
      currencyCode: 'USD',
    },
  ],
}));
