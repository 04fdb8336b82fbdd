// Seeds the demo store: `medusa exec ./src/scripts/seed.ts` (the orchestrator runs it once, when the
// storefront's publishable key is missing). Safe to run again: it stops when that key exists (created last).
import { setUpDigitalDelivery } from '@giftwire/medusa';
import type { ExecArgs, IAuthModuleService } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from '@medusajs/medusa/core-flows';
import {
  DEMO_ADMIN,
  DEMO_CUSTOMER,
  PUBLISHABLE_KEY_TITLE,
  SALES_CHANNEL_NAME,
} from '../catalog/demo-identity';
import { DEMO_PRODUCTS, VENDOR_LABELS, variantSku } from '../catalog/demo-products';
import { GIFTWIRE_REGISTRATION } from '../demo/medusa-webhook-url';

export default async function seedDemoStore({ container }: ExecArgs): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
  const query = container.resolve(ContainerRegistrationKeys.QUERY);

  // The publishable key is created last, so its presence means a complete seed.
  const { data: existing } = await query.graph({
    entity: 'api_key',
    fields: ['id'],
    filters: { title: PUBLISHABLE_KEY_TITLE },
  });
  if (existing.length > 0) {
    logger.info('demo-store seed: already seeded, nothing to do');
    return;
  }

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: SALES_CHANNEL_NAME, description: 'The demo storefront' }] },
  });
  const { data: stores } = await query.graph({ entity: 'store', fields: ['id'] });
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: stores[0]!.id },
      update: {
        name: 'Giftwire Gift Shop',
        supported_currencies: [{ currency_code: 'usd', is_default: true }],
        default_sales_channel_id: salesChannel!.id,
      },
    },
  });
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: 'United States',
          currency_code: 'usd',
          countries: ['us'],
          payment_providers: ['pp_system_default'],
        },
      ],
    },
  });

  // Where giftwire "ships" from, with every link Medusa needs before the option is offered at checkout: ONE
  // shipping profile and ONE "Digital delivery" option for the multi-vendor provider, whatever vendor
  // fulfils a card.
  const delivery = await setUpDigitalDelivery(container, {
    salesChannelIds: [salesChannel!.id],
    countries: ['us'],
    currencies: ['usd'],
    regionIds: [region!.id],
    registrations: [GIFTWIRE_REGISTRATION],
    locationName: 'Digital vault',
  });
  if (!delivery.shippingProfileId) {
    throw new Error('demo-store seed: setUpDigitalDelivery gave no single shipping profile');
  }

  await createProductsWorkflow(container).run({
    input: {
      products: DEMO_PRODUCTS.map((product) => ({
        title: product.title,
        handle: product.handle,
        subtitle: product.tagline,
        description: product.description,
        status: 'published' as const,
        // Not is_giftcard: that flag makes Medusa's loyalty plugin treat these as store credit.
        shipping_profile_id: delivery.shippingProfileId!,
        sales_channels: [{ id: salesChannel!.id }],
        metadata: {
          giftwire_vendor: product.vendor,
          vendor_label: VENDOR_LABELS[product.vendor],
          // Lets the order page match a delivered card (vendor product id) to the shop's product.
          vendor_product_id: product.vendorProductId,
          // Products created in one call share created_at: the storefront sorts by this instead.
          position: DEMO_PRODUCTS.indexOf(product),
          art: product.art,
        },
        options: [{ title: 'Amount', values: product.amounts.map((amount) => `$${amount}`) }],
        variants: product.amounts.map((amount) => ({
          title: `$${amount}`,
          sku: variantSku(product, amount),
          manage_inventory: false,
          options: { Amount: `$${amount}` },
          prices: [{ currency_code: 'usd', amount: Number(amount) }],
        })),
      })),
    },
  });

  // The customer the storefront prefills, so a visitor can check out without signing up.
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH);
  const registered = await auth.register('emailpass', {
    body: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
  });
  if (!registered.success || !registered.authIdentity) {
    throw new Error(`demo-store seed: could not register the demo customer: ${registered.error}`);
  }
  await createCustomerAccountWorkflow(container).run({
    input: {
      authIdentityId: registered.authIdentity.id,
      customerData: {
        email: DEMO_CUSTOMER.email,
        first_name: DEMO_CUSTOMER.firstName,
        last_name: DEMO_CUSTOMER.lastName,
      },
    },
  });

  // Staff, for the admin's order page and the giftwire widget on it.
  const staff = await auth.register('emailpass', {
    body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  if (!staff.success || !staff.authIdentity) {
    throw new Error(`demo-store seed: could not register the demo admin: ${staff.error}`);
  }
  await createUserAccountWorkflow(container).run({
    input: {
      authIdentityId: staff.authIdentity.id,
      userData: { email: DEMO_ADMIN.email, first_name: 'Demo', last_name: 'Admin' },
    },
  });

  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: 'publishable', created_by: 'demo-seed' }] },
  });
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey!.id, add: [salesChannel!.id] },
  });

  logger.info(`demo-store seed: ${DEMO_PRODUCTS.length} gift cards, region ${region!.id}, key ${apiKey!.id}`);
}
