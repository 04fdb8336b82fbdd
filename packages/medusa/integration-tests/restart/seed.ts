// `medusa exec ./seed.ts` for the restart test: region, publishable key, digital delivery and one $10 card.
// Writes the ids the test needs to GIFTWIRE_RESTART_SEED_OUT.
import { writeFileSync } from 'node:fs';
import { setUpDigitalDelivery } from '@giftwire/medusa';
import type { ExecArgs } from '@medusajs/framework/types';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from '@medusajs/medusa/core-flows';

export default async function seedRestartTest({ container }: ExecArgs): Promise<void> {
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Restart test store' }] },
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
  const delivery = await setUpDigitalDelivery(container, {
    salesChannelIds: [salesChannel!.id],
    countries: ['us'],
    currencies: ['usd'],
    regionIds: [region!.id],
    vendors: ['bamboo'],
  });
  const { shippingProfileId, shippingOptionId } = delivery.vendors.bamboo!;
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: 'Bamboo gift card $10',
          status: 'published',
          shipping_profile_id: shippingProfileId,
          sales_channels: [{ id: salesChannel!.id }],
          options: [{ title: 'Amount', values: ['10'] }],
          variants: [
            {
              title: '$10',
              sku: 'GC-BAMBOO-10',
              manage_inventory: false,
              options: { Amount: '10' },
              prices: [{ currency_code: 'usd', amount: 10 }],
            },
          ],
        },
      ],
    },
  });
  const out = process.env.GIFTWIRE_RESTART_SEED_OUT;
  if (!out) throw new Error('GIFTWIRE_RESTART_SEED_OUT is not set');
  writeFileSync(
    out,
    JSON.stringify({
      regionId: region!.id,
      salesChannelId: salesChannel!.id,
      publishableKey: apiKey!.token,
      shippingOptionId,
      variantId: product!.variants[0]!.id,
    }),
  );
}
