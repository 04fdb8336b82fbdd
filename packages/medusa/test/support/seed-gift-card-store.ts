// The store the app-level and restart tests sell from: a sales channel, a US region paying with Medusa's test
// provider, a publishable key, the plugin's digital delivery (for `giftwire_bamboo` unless told otherwise), and
// one gift-card product whose variants are the given SKUs and amounts (USD).
import type { MedusaContainer } from '@medusajs/framework/types';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from '@medusajs/medusa/core-flows';
import { setUpDigitalDelivery } from '../../src/lib/set-up-digital-delivery';

export interface GiftCardVariant {
  sku: string;
  /** USD, the variant's price and the card's face value. */
  amount: number;
  /** The variant's option value (default: its amount); distinct per variant. */
  label?: string;
}

export interface SeedOptions {
  /** Registrations given to `setUpDigitalDelivery`; default `['bamboo']`, `null` for its own default (all). */
  registrations?: string[] | null;
  productTitle?: string;
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
  seedOptions: SeedOptions = {},
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
    ...(seedOptions.registrations === null ? {} : { registrations: seedOptions.registrations ?? ['bamboo'] }),
  });
  const { shippingProfileId, shippingOptionId } = delivery;
  if (!shippingProfileId || !shippingOptionId) throw new Error('the seed sets up exactly one registration');

  const labels = variants.map((variant) => variant.label ?? String(variant.amount));
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: seedOptions.productTitle ?? `Bamboo gift card $${labels[0]}`,
          status: 'published',
          shipping_profile_id: shippingProfileId,
          sales_channels: [{ id: salesChannel!.id }],
          options: [{ title: 'Amount', values: labels }],
          variants: variants.map(({ sku, amount }, i) => ({
            title: `$${amount}`,
            sku,
            manage_inventory: false,
            options: { Amount: labels[i]! },
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
    shippingProfileId,
    delivery,
    variants: Object.fromEntries(product!.variants.map((variant) => [variant.sku!, variant])),
  };
}
