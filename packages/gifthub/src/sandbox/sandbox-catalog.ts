/** A shop item of the sandbox's catalog, in GiftHub's words (`GET /shop/products`, and `shopItem` of an order). */
export interface ShopItemSeed {
  productId: string;
  name: string;
  country: string;
  region: string;
  parentId: string;
  baseCurrency: string;
  productType: 'fixed' | 'range';
  /** Fixed items: the one quote sold. */
  quote?: number;
  /** Range items: the quotes sold. */
  minQuote?: number;
  maxQuote?: number;
  state: 'active' | 'inactive';
}

/** SKUs of {@link sandboxCatalog} that tests name. */
export const sandboxSkus = {
  /** The page's product: 1000 DKK, charged 134.11 EUR at 7.456803455723542. */
  adidasDk1000: 'gc035-208-1000',
  zalandoEur25: 'gc101-276-25',
  zalandoEur50: 'gc101-276-50',
  zalandoEurRange: 'gc101-276-var',
  amazonUsd10: 'gc204-840-10',
  inactive: 'gc999-000-0',
} as const;

const item = (
  productId: string,
  name: string,
  country: string,
  baseCurrency: string,
  quote: number,
  parentId: string,
): ShopItemSeed => ({
  productId,
  name,
  country,
  region: 'local',
  parentId,
  baseCurrency,
  productType: 'fixed',
  quote,
  state: 'active',
});

/** The sandbox's shop: a dozen items in four currencies, one range item and one that is no longer sold. */
export const sandboxCatalog: readonly ShopItemSeed[] = [
  item('gc035-208-1000', 'Adidas DK-1000', 'DK', 'DKK', 1000, 'adidas'),
  item('gc035-208-500', 'Adidas DK-500', 'DK', 'DKK', 500, 'adidas'),
  item('gc101-276-25', 'Zalando DE-25', 'DE', 'EUR', 25, 'zalando'),
  item('gc101-276-50', 'Zalando DE-50', 'DE', 'EUR', 50, 'zalando'),
  {
    productId: 'gc101-276-var',
    name: 'Zalando DE',
    country: 'DE',
    region: 'local',
    parentId: 'zalando',
    baseCurrency: 'EUR',
    productType: 'range',
    minQuote: 5,
    maxQuote: 500,
    state: 'active',
  },
  item('gc204-840-10', 'Amazon US-10', 'US', 'USD', 10, 'amazon'),
  item('gc204-840-25', 'Amazon US-25', 'US', 'USD', 25, 'amazon'),
  item('gc310-826-20', 'Tesco GB-20', 'GB', 'GBP', 20, 'tesco'),
  item('gc400-250-30', 'Fnac FR-30', 'FR', 'EUR', 30, 'fnac'),
  item('gc401-380-20', 'Feltrinelli IT-20', 'IT', 'EUR', 20, 'feltrinelli'),
  item('gc402-724-15', 'El Corte Ingles ES-15', 'ES', 'EUR', 15, 'corte-ingles'),
  { ...item('gc999-000-0', 'Retired card', 'DK', 'DKK', 100, 'retired'), state: 'inactive' },
];

/** `EUR:<target>` rates of the sandbox wallet; EUR→DKK is the page's own. */
export const sandboxFxRates: Readonly<Record<string, string>> = {
  'EUR:DKK': '7.456803455723542',
  'EUR:USD': '1.0851',
  'EUR:GBP': '0.8545',
};
