// The store the app-level and restart tests sell from: a sales channel, a US region paying with Medusa's test
// provider, a publishable key, the plugin's digital delivery for `giftwire_bamboo`, and one gift-card product
// whose variants are the given SKUs and amounts (USD).
import type { MedusaContainer } from '@medusajs/framework/types';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from '@medusajs/medusa/core-flows';
import { setUpDigitalDelivery } from '../../src/lib/set-up-digital-delivery';

/** The buyer's shipping and billing address in the tests' carts (the region is US). */
export const ADDRESS = {
  first_name: 'Gift',
  last_name: 'Buyer',
  address_1: '1 Main St',
  city: 'Springfield',
  postal_code: '12345',
  country_code: 'us',
};

export interface GiftCardVariant {
  sku: string;
  /** USD, the variant's price and the card's face value. */
  amount: number;
}

/**
 * Seeds the store once per database.
 *
 * @example
 * const store = await seedGiftCardStore(container, 'Test store', [{ sku: 'GC-BAMBOO-10', amount: 10 }]);
 * store.variants['GC-BAMBOO-10']!.id;
 */
export async function seedGiftCardStore(
  container: MedusaContainer,
  storeName: string,
  variants: GiftCardVariant[],
) {
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: storeName }] },
  });
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: 'US', currency_code: 'usd', countries: ['us'], payment_providers: ['pp_system_default'] },
      ],
    },
  });
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: 'store', type: 'publishable', created_by: 'test' }] },
  });
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey!.id, add: [salesChannel!.id] },
  });

  // The stock location, links, fulfillment set, profile and zero-priced option: the plugin's own helper.
  const delivery = await setUpDigitalDelivery(container, {
    salesChannelIds: [salesChannel!.id],
    countries: ['us'],
    currencies: ['usd'],
    regionIds: [region!.id],
    vendors: ['bamboo'],
  });
  const { shippingProfileId, shippingOptionId } = delivery.vendors.bamboo!;

  const amounts = variants.map((variant) => String(variant.amount));
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: `Bamboo gift card $${amounts[0]}`,
          status: 'published',
          shipping_profile_id: shippingProfileId,
          sales_channels: [{ id: salesChannel!.id }],
          options: [{ title: 'Amount', values: amounts }],
          variants: variants.map(({ sku, amount }) => ({
            title: `$${amount}`,
            sku,
            manage_inventory: false,
            options: { Amount: String(amount) },
            prices: [{ currency_code: 'usd', amount }],
          })),
        },
      ],
    },
  });
  return {
    region: region!,
    salesChannel: salesChannel!,
    publishableKey: apiKey!.token,
    shippingOptionId,
    variants: Object.fromEntries(product!.variants.map((variant) => [variant.sku!, variant])),
  };
}
