// What each vendor sandbox sells besides its own seed catalog: the shop's made-up brands (demo-products.ts),
// in each vendor's own catalog words, so every card the storefront offers exists at its vendor.
import type { BrandSeed } from '@giftwire/bamboo/sandbox';
import type { SandboxProduct } from '@giftwire/budgetree/sandbox';
import type { ShopItemSeed } from '@giftwire/gifthub/sandbox';
import type { ProductSeed as StarshipProductSeed } from '@giftwire/starship/sandbox';
import { productsOf } from './demo-products';

/** Open USD ranges: the shop decides its amounts, the vendor accepts any of them. */
const MIN_USD = 5;
const MAX_USD = 500;

/** Bamboo brands for the shop's 700xxx products (439685, the docs' product, is already in its catalog). */
export const BAMBOO_DEMO_BRANDS: BrandSeed[] = productsOf('bamboo')
  .filter((product) => product.vendorProductId.startsWith('700'))
  .map((product, index) => ({
    internalId: `DEMOUS${String(index + 1).padStart(6, '0')}`,
    name: product.title,
    countryCode: 'US',
    currencyCode: 'USD',
    products: [
      {
        id: Number(product.vendorProductId),
        name: `${product.title} USD`,
        minFaceValue: MIN_USD,
        maxFaceValue: MAX_USD,
        count: null,
        currencyCode: 'USD',
      },
    ],
  }));

/**
 * Starship sells fixed denominations (two decimals, as its catalog writes them). DELAYED: the order goes
 * PENDING → PROCESSING → DELIVERED on the demo's timing, so the storefront shows it with the vendor.
 */
export const STARSHIP_DEMO_PRODUCTS: StarshipProductSeed[] = productsOf('starship').map((product) => ({
  id: Number(product.vendorProductId),
  name: `${product.title} USD`,
  brand: product.title,
  currency: 'USD',
  country: 'US',
  delivery_type: product.starshipDelivery ?? 'code_with_pin',
  delivery_time: 'DELAYED',
  available_denominations: product.amounts.map((amount) => `${amount}.00`),
}));

/** Budgetree SKUs with an open USD range; its cards come with a card number, PIN and activation link. */
export const BUDGETREE_DEMO_PRODUCTS: SandboxProduct[] = productsOf('budgetree').map((product) => ({
  sku: product.vendorProductId,
  name: `${product.title} (USD)`,
  currency: 'USD',
  min: String(MIN_USD),
  max: String(MAX_USD),
}));

/** GiftHub range items in USD (its fixed items are one SKU per amount); charged from the EUR wallet at FX. */
export const GIFTHUB_DEMO_ITEMS: ShopItemSeed[] = productsOf('gifthub').map((product) => ({
  productId: product.vendorProductId,
  name: `${product.title} US`,
  country: 'US',
  region: 'local',
  parentId: product.handle,
  baseCurrency: 'USD',
  productType: 'range',
  minQuote: MIN_USD,
  maxQuote: MAX_USD,
  state: 'active',
}));
