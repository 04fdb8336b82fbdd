import { randomBytes } from 'node:crypto';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import type { IFulfillmentModuleService, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createOrderFulfillmentWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from '@medusajs/medusa/core-flows';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import { closeEngines, findEngine } from '../../src/lib/engine-registry';
import { fulfillmentReference } from '../../src/lib/fulfillment-reference';
import giftwireProvider from '../../src/providers/giftwire/index';
import { APP_ENGINE_DB } from '../../test/support/global-setup';

// The app's own database is created (and dropped) by the runner; the engine gets a separate database created by
// global-setup, so the runner's template snapshot/restore (which terminates connections) never touches it.
const ENGINE_DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${APP_ENGINE_DB}`;

const sandbox: BambooSandbox = await startBambooSandbox({
  scenario: { processingAfterMs: 20, settleAfterMs: 60 },
});

const SKU = 'GC-BAMBOO-10';
const providerOptions = {
  vendor: 'bamboo',
  settings: {
    baseUrl: sandbox.url,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    env: {},
  },
  products: { [SKU]: { productId: '439685', faceValue: { amount: '10', currency: 'USD' } } },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: ENGINE_DB_URL,
  schema: 'giftwire_app_test',
};

// Read by integration-tests/app/medusa-config.ts (providers must be objects, not .ts paths).
(globalThis as { __giftwireAppTestProviders?: unknown[] }).__giftwireAppTestProviders = [
  { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
  { resolve: giftwireProvider, id: 'bamboo', options: providerOptions },
];

afterAll(async () => {
  await closeEngines();
  await sandbox.close();
});

async function seed(container: MedusaContainer) {
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  const fulfillment = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Giftwire test store' }] },
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

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: 'Digital', address: { address_1: 'n/a', country_code: 'us' } }] },
  });
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location!.id, add: [salesChannel!.id] },
  });
  // The provider must be enabled for the stock location, which must serve the sales channel.
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: 'giftwire_bamboo' },
  });
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: 'Digital delivery',
    type: 'shipping',
    service_zones: [{ name: 'US', geo_zones: [{ type: 'country', country_code: 'us' }] }],
  });
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  });

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: 'Digital', type: 'default' }] },
  });
  const [option] = await fulfillment.retrieveFulfillmentOptions('giftwire_bamboo');
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: 'Digital delivery (email)',
        service_zone_id: fulfillmentSet.service_zones[0]!.id,
        shipping_profile_id: profile!.id,
        provider_id: 'giftwire_bamboo',
        price_type: 'flat',
        type: { label: 'Digital', description: 'Codes by email', code: 'digital' },
        data: option as Record<string, unknown>,
        prices: [
          { currency_code: 'usd', amount: 0 },
          { region_id: region!.id, amount: 0 },
        ],
      },
    ],
  });

  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: 'Bamboo gift card $10',
          status: 'published',
          shipping_profile_id: profile!.id,
          sales_channels: [{ id: salesChannel!.id }],
          options: [{ title: 'Amount', values: ['10'] }],
          variants: [
            {
              title: '$10',
              sku: SKU,
              manage_inventory: false,
              options: { Amount: '10' },
              prices: [{ currency_code: 'usd', amount: 10 }],
            },
          ],
        },
      ],
    },
  });

  return {
    region: region!,
    salesChannel: salesChannel!,
    publishableKey: apiKey!.token,
    location: location!,
    shippingOption: shippingOption!,
    variant: product!.variants[0]!,
  };
}

medusaIntegrationTestRunner({
  cwd: __dirname,
  dbName: 'giftwire-medusa-app-test',
  testSuite: ({ api, getContainer }) => {
    it('boots with giftwire_bamboo listed as a fulfillment provider', async () => {
      const fulfillment = getContainer().resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
      const providers = await fulfillment.listFulfillmentProviders({});
      expect(providers.map((p) => p.id)).toEqual(
        expect.arrayContaining(['giftwire_bamboo', 'manual_manual']),
      );
      expect((await api.get('/health')).status).toBe(200);
    });

    it('checks out through the store API and places the vendor order on fulfillment', async () => {
      const container = getContainer();
      const s = await seed(container);
      const store = { headers: { 'x-publishable-api-key': s.publishableKey } };

      // A registered customer.
      const email = 'buyer@example.com';
      const password = 'secret-password';
      const reg = await api.post('/auth/customer/emailpass/register', { email, password });
      const {
        data: { customer },
      } = await api.post(
        '/store/customers',
        { email, first_name: 'Gift', last_name: 'Buyer' },
        { headers: { ...store.headers, authorization: `Bearer ${reg.data.token}` } },
      );
      const login = await api.post('/auth/customer/emailpass', { email, password });
      const auth = { headers: { ...store.headers, authorization: `Bearer ${login.data.token}` } };

      const address = {
        first_name: 'Gift',
        last_name: 'Buyer',
        address_1: '1 Main St',
        city: 'Springfield',
        postal_code: '12345',
        country_code: 'us',
      };
      const {
        data: { cart },
      } = await api.post(
        '/store/carts',
        {
          region_id: s.region.id,
          sales_channel_id: s.salesChannel.id,
          shipping_address: address,
          billing_address: address,
          items: [{ variant_id: s.variant.id, quantity: 2 }],
        },
        auth,
      );
      expect(cart.email).toBe(email);
      await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: s.shippingOption.id }, auth);
      const {
        data: { payment_collection },
      } = await api.post('/store/payment-collections', { cart_id: cart.id }, auth);
      await api.post(
        `/store/payment-collections/${payment_collection.id}/payment-sessions`,
        { provider_id: 'pp_system_default' },
        auth,
      );
      const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, auth);
      expect(completed.data.type).toBe('order');
      const order = completed.data.order;
      expect(order.items).toHaveLength(1);

      // Fulfil: our provider places the vendor order and stores only { reference, vendor, status, state }.
      const { result: created } = await createOrderFulfillmentWorkflow(container).run({
        input: {
          order_id: order.id,
          location_id: s.location.id,
          items: [{ id: order.items[0].id, quantity: 2 }],
        },
      });
      const reference = fulfillmentReference(created.id);
      const fulfillment = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
      const saved = await fulfillment.retrieveFulfillment(created.id);
      expect(saved.provider_id).toBe('giftwire_bamboo');
      // Medusa starts fulfillment.data from shipping_method.data (our validateFulfillmentData result:
      // { vendor, option_id }) and merges the provider's createFulfillment data over it.
      expect(saved.data).toEqual({
        reference,
        vendor: 'bamboo',
        status: 'pending',
        state: 'accepted',
        option_id: 'giftwire-bamboo-digital',
      });

      await vi.waitFor(() => expect(sandbox.orders.get(reference)).toBeDefined(), { timeout: 15_000 });
      expect(sandbox.orders.get(reference)!.items[0]).toMatchObject({ productId: 439685, quantity: 2 });
      await vi.waitFor(
        () => expect(sandbox.orders.get(reference)!.items[0]!.cards.every((c) => c.cardCode)).toBe(true),
        { timeout: 15_000 },
      );
      const { codes, pins } = sandbox.issuedSecrets(reference);
      const secrets = [...codes, ...pins];
      expect(secrets.length).toBeGreaterThan(0);

      // The engine the app's provider created (same module instance) follows the vendor order to the end.
      const engine = await findEngine('bamboo')!;
      await vi.waitFor(async () => expect((await engine.get(reference))?.state).toBe('settled'), {
        timeout: 15_000,
      });
      expect(await engine.get(reference)).toMatchObject({ shopOrderId: order.id, customerId: customer.id });

      // The store API returns fulfillments[].data verbatim: no code or PIN may be in it.
      const { data: storeOrder } = await api.get(
        `/store/orders/${order.id}?fields=*fulfillments,+fulfillments.data`,
        auth,
      );
      expect(storeOrder.order.fulfillments).toHaveLength(1);
      // The data is indeed exposed (so the check below means something): only the non-secret fields.
      expect(storeOrder.order.fulfillments[0].data).toMatchObject({ reference, vendor: 'bamboo' });
      expect(storeOrder.order.email).toBe(email);
      const text = JSON.stringify(storeOrder);
      for (const secret of secrets) expect(text).not.toContain(secret);
    });
  },
});
