/** A vendor the demo runs a sandbox for. */
export type DemoVendor = 'bamboo' | 'starship' | 'budgetree' | 'gifthub';

/** The storefront's order, and the order the banner prints the sandboxes in. */
export const DEMO_VENDORS: readonly DemoVendor[] = ['bamboo', 'starship', 'budgetree', 'gifthub'];

/** Shown on product cards and the order page: who fulfils the card. */
export const VENDOR_LABELS: Record<DemoVendor, string> = {
  bamboo: 'Bamboo Card',
  starship: 'Starship Rewards',
  budgetree: 'Budgetree',
  gifthub: 'GiftHub',
};

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
  /** Starship only: what its sandbox issues for the product (a code and PIN, or a claim link too). */
  starshipDelivery?: 'code_with_pin' | 'claim_url';
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
    handle: 'trailhead-outdoors',
    title: 'Trailhead Outdoors',
    tagline: 'Gear for every trail',
    description: 'Tents, boots and everything in between, online and in Trailhead stores.',
    vendor: 'starship',
    vendorProductId: '2101',
    currency: 'USD',
    amounts: ['25', '50', '100'],
    art: { from: '#1e3a8a', to: '#0ea5e9', ink: '#f0f9ff', monogram: 'TO' },
    starshipDelivery: 'code_with_pin',
  },
  {
    handle: 'cinestar-movies',
    title: 'CineStar Movies',
    tagline: 'Tickets and snacks',
    description: 'One evening at the movies, popcorn included; redeem with the code or the claim link.',
    vendor: 'starship',
    vendorProductId: '2102',
    currency: 'USD',
    amounts: ['25', '50'],
    art: { from: '#7f1d1d', to: '#ef4444', ink: '#fef2f2', monogram: 'CS' },
    starshipDelivery: 'claim_url',
  },
  {
    handle: 'northwind-books',
    title: 'Northwind Books',
    tagline: 'Ebooks and audiobooks',
    description: 'Millions of ebooks and audiobooks; the balance never expires in your Northwind account.',
    vendor: 'budgetree',
    vendorProductId: 'BT-DEMO-NORTHWIND',
    currency: 'USD',
    amounts: ['10', '20', '50'],
    art: { from: '#064e3b', to: '#14b8a6', ink: '#f0fdfa', monogram: 'NB' },
  },
  {
    handle: 'lumen-streaming',
    title: 'Lumen Streaming',
    tagline: 'Films, series and live sport',
    description: 'Months of Lumen on any screen: activate the card with its code or its activation link.',
    vendor: 'budgetree',
    vendorProductId: 'BT-DEMO-LUMEN',
    currency: 'USD',
    amounts: ['15', '30'],
    art: { from: '#4c1d95', to: '#a78bfa', ink: '#f5f3ff', monogram: 'LS' },
  },
  {
    handle: 'metro-rides',
    title: 'Metro Rides',
    tagline: 'Rides and deliveries',
    description: 'Credit for rides and food delivery in the Metro app, in every city it serves.',
    vendor: 'gifthub',
    vendorProductId: 'gc700-840-var',
    currency: 'USD',
    amounts: ['20', '40'],
    art: { from: '#111827', to: '#22c55e', ink: '#f0fdf4', monogram: 'MR' },
  },
  {
    handle: 'saltwater-spa',
    title: 'Saltwater Spa',
    tagline: 'Massages, saunas and day passes',
    description: 'A day of calm at any Saltwater Spa; book online with the redeem link.',
    vendor: 'gifthub',
    vendorProductId: 'gc701-840-var',
    currency: 'USD',
    amounts: ['50', '100'],
    art: { from: '#0c4a6e', to: '#67e8f9', ink: '#ecfeff', monogram: 'SS' },
  },
];

/** The variant SKU is what the provider maps to a vendor product (variants reach providers without metadata). */
export function variantSku(product: DemoProduct, amount: string): string {
  return `GW-${product.vendor.toUpperCase()}-${product.vendorProductId}-${amount}`;
}

/** Where a variant SKU goes: which vendor, which of its products, at which face value. */
export interface ProductMapping {
  vendor: DemoVendor;
  productId: string;
  faceValue: { amount: string; currency: string };
}

/**
 * The `products` option of the multi-vendor giftwire provider: every variant SKU of the shop, each naming the
 * vendor that fulfils it.
 *
 * @example
 * providerProducts()['GW-STARSHIP-2101-25']; // { vendor: 'starship', productId: '2101', faceValue: { amount: '25', currency: 'USD' } }
 */
export function providerProducts(): Record<string, ProductMapping> {
  const entries = DEMO_PRODUCTS.flatMap((product) =>
    product.amounts.map((amount): [string, ProductMapping] => [
      variantSku(product, amount),
      {
        vendor: product.vendor,
        productId: product.vendorProductId,
        faceValue: { amount, currency: product.currency },
      },
    ]),
  );
  return Object.fromEntries(entries);
}

/** The products a vendor sells in the shop. */
export function productsOf(vendor: DemoVendor): DemoProduct[] {
  return DEMO_PRODUCTS.filter((product) => product.vendor === vendor);
}
