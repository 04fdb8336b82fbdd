import { randomBytes, randomUUID } from 'node:crypto';
import { createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { createFulfiller } from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import type {
  IAuthModuleService,
  IFulfillmentModuleService,
  INotificationModuleService,
  IUserModuleService,
  MedusaContainer,
} from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from '@medusajs/medusa/core-flows';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import type { AxiosInstance } from 'axios';
import giftwireSync from '../../src/jobs/giftwire-sync';
import { closeEngines, findEngine } from '../../src/lib/engine-registry';
import { setUpDigitalDelivery } from '../../src/lib/set-up-digital-delivery';
import giftwireProvider from '../../src/providers/giftwire/index';
import giftwireOrderPlaced from '../../src/subscribers/giftwire-order-placed';
import { APP_ENGINE_DB, APP_TEST_DB } from '../../test/support/global-setup';

// The app's own database is created (and dropped) by the runner; the engine gets a separate database created by
// global-setup, so the runner's template snapshot/restore (which terminates connections) never touches it.
const ENGINE_DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${APP_ENGINE_DB}`;

const sandbox: BambooSandbox = await startBambooSandbox({
  scenario: {
    processingAfterMs: 20,
    settleAfterMs: 60,
    // Three cards in one order: the vendor fails one of them.
    outcome: (order) =>
      order.products[0]?.quantity === 3 ? { status: 'PartialFailed', failedCards: 1 } : 'Succeeded',
  },
});

const SKU = 'GC-BAMBOO-10';
const WEBHOOK_SECRET = 'app-test-callback-secret';
const providerOptions = {
  vendor: 'bamboo',
  settings: {
    baseUrl: sandbox.url,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    notificationSecret: WEBHOOK_SECRET,
    env: {},
  },
  products: { [SKU]: { productId: '439685', faceValue: { amount: '10', currency: 'USD' } } },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: ENGINE_DB_URL,
  schema: 'giftwire_app_test',
  codesUrl: 'https://shop.example/account/orders/{order_id}/codes',
  // Short, so the unassigned-vendor-order test need not wait ten minutes; longer than Bamboo's first status
  // poll (~2 s), so that test can see the order settled and still too fresh to be called unassigned.
  unassignedAfterMs: 8_000,
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

  // The stock location, links, fulfillment set, profile and zero-priced option: the plugin's own helper.
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
    shippingOptionId,
    variant: product!.variants[0]!,
  };
}

const ADDRESS = {
  first_name: 'Gift',
  last_name: 'Buyer',
  address_1: '1 Main St',
  city: 'Springfield',
  postal_code: '12345',
  country_code: 'us',
};

type Seeded = Awaited<ReturnType<typeof seed>>;
type Headers = { headers: Record<string, string> };

/** Registers a customer through the store API and returns their bearer headers and id. */
async function signUp(api: AxiosInstance, s: Seeded, email: string): Promise<Headers & { id: string }> {
  const store = { 'x-publishable-api-key': s.publishableKey };
  const password = 'secret-password';
  const reg = await api.post('/auth/customer/emailpass/register', { email, password });
  const {
    data: { customer },
  } = await api.post(
    '/store/customers',
    { email, first_name: 'Gift', last_name: 'Buyer' },
    { headers: { ...store, authorization: `Bearer ${reg.data.token}` } },
  );
  const login = await api.post('/auth/customer/emailpass', { email, password });
  return { id: customer.id, headers: { ...store, authorization: `Bearer ${login.data.token}` } };
}

/** cart → shipping method → payment → complete, as a storefront does it. */
async function checkout(api: AxiosInstance, s: Seeded, auth: Headers, quantity: number) {
  const {
    data: { cart },
  } = await api.post(
    '/store/carts',
    {
      region_id: s.region.id,
      sales_channel_id: s.salesChannel.id,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [{ variant_id: s.variant.id, quantity }],
    },
    auth,
  );
  await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: s.shippingOptionId }, auth);
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
  return completed.data.order as { id: string; email: string; items: { id: string }[] };
}

/** An admin user and its bearer token: register an emailpass identity, attach a user to it, log in. */
async function adminHeaders(api: AxiosInstance, container: MedusaContainer): Promise<Headers> {
  const email = 'staff@example.com';
  const password = 'staff-password';
  const reg = await api.post('/auth/user/emailpass/register', { email, password });
  const payload = JSON.parse(Buffer.from(reg.data.token.split('.')[1], 'base64url').toString('utf8'));
  const users = container.resolve<IUserModuleService>(Modules.USER);
  const user = await users.createUsers({ email });
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH);
  await auth.updateAuthIdentities({ id: payload.auth_identity_id, app_metadata: { user_id: user.id } });
  const login = await api.post('/auth/user/emailpass', { email, password });
  return { headers: { authorization: `Bearer ${login.data.token}` } };
}

const fulfillmentsOf = async (container: MedusaContainer, orderId: string) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'order',
    fields: ['fulfillments.id', 'fulfillments.data', 'fulfillments.delivered_at', 'fulfillments.provider_id'],
    filters: { id: orderId },
  });
  return (data[0]?.fulfillments ?? []) as Array<{
    id: string;
    provider_id: string;
    delivered_at: string | null;
    data: Record<string, unknown>;
  }>;
};

medusaIntegrationTestRunner({
  cwd: __dirname,
  dbName: APP_TEST_DB,
  testSuite: ({ api, getContainer }) => {
    it('boots with giftwire_bamboo listed as a fulfillment provider', async () => {
      const fulfillment = getContainer().resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
      const providers = await fulfillment.listFulfillmentProviders({});
      expect(providers.map((p) => p.id)).toEqual(
        expect.arrayContaining(['giftwire_bamboo', 'manual_manual']),
      );
      expect((await api.get('/health')).status).toBe(200);
    });

    it('sells a gift card end to end: checkout, vendor order, delivery, codes for the owner only', async () => {
      const container = getContainer();
      const s = await seed(container);
      // The sandbox calls the plugin's webhook route with the shared secret echoed in the body, as Bamboo does.
      sandbox.setNotification({
        notificationUrlSandbox: `${api.defaults.baseURL}/hooks/giftwire/bamboo`,
        secretKey: WEBHOOK_SECRET,
      });
      const buyer = await signUp(api, s, 'buyer@example.com');
      const order = await checkout(api, s, buyer, 2);
      // The order.placed event delivered twice more while the first delivery is still being handled (an
      // at-least-once event bus): one fulfillment, one vendor order.
      const again = { event: { name: 'order.placed', data: { id: order.id } }, container, pluginOptions: {} };
      await Promise.all([giftwireOrderPlaced(again as never), giftwireOrderPlaced(again as never)]);

      // order.placed → the plugin's subscriber fulfils the order with the giftwire provider.
      let reference = '';
      await vi.waitFor(
        async () => {
          const [fulfillment] = await fulfillmentsOf(container, order.id);
          expect(fulfillment?.provider_id).toBe('giftwire_bamboo');
          reference = String(fulfillment!.data.reference);
        },
        { timeout: 20_000, interval: 100 },
      );
      expect(sandbox.orders.get(reference)?.items[0]).toMatchObject({ productId: 439685, quantity: 2 });
      expect(await fulfillmentsOf(container, order.id)).toHaveLength(1);
      expect(sandbox.orders.list()).toHaveLength(1);

      // Settlement → vault row, fulfillment delivered, fulfillment.data updated (still without codes).
      await vi.waitFor(
        async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
        { timeout: 30_000, interval: 200 },
      );
      const { codes, pins } = sandbox.issuedSecrets(reference);
      expect(codes).toHaveLength(2);
      const secrets = [...codes, ...pins];
      const [fulfillment] = await fulfillmentsOf(container, order.id);
      expect(fulfillment!.data).toMatchObject({
        reference,
        vendor: 'bamboo',
        state: 'settled',
        status: 'fulfilled',
      });

      // The vendor's callback verifies at the webhook route: replay the one the sandbox sent for this order.
      const vendorOrder = sandbox.orders.get(reference)!;
      const callback = await api.post('/hooks/giftwire/bamboo', {
        orderId: vendorOrder.orderId,
        status: vendorOrder.status,
        totalCards: 2,
        createdOn: new Date(vendorOrder.createdAt).toISOString(),
        completedOn: new Date(vendorOrder.completedAt ?? vendorOrder.createdAt).toISOString(),
        secretKey: WEBHOOK_SECRET,
        requestId: reference,
      });
      expect(callback.status).toBe(202);
      expect(['accepted', 'duplicate']).toContain(callback.data.status);
      const engine = await findEngine('bamboo')!;
      expect(await engine.get(reference)).toMatchObject({ shopOrderId: order.id, customerId: buyer.id });

      // The owner reads the codes.
      const mine = await api.get(`/store/giftwire/orders/${order.id}/codes`, buyer);
      expect(mine.headers['cache-control']).toBe('no-store');
      expect(mine.data).toMatchObject({ order_id: order.id, status: 'delivered' });
      expect(mine.data.deliveries).toHaveLength(1);
      expect(mine.data.deliveries[0]).toMatchObject({
        reference,
        vendor: 'bamboo',
        delivery_status: 'delivered',
      });
      expect(mine.data.deliveries[0].cards.map((c: { code: string }) => c.code).sort()).toEqual(
        [...codes].sort(),
      );
      expect(mine.data.deliveries[0].cards[0]).toMatchObject({
        product_id: '439685',
        face_value: { amount: '10', currency: 'USD' },
      });

      // Nobody else does: another customer, a guest with only the publishable key.
      const other = await signUp(api, s, 'someone-else@example.com');
      const stranger = await api
        .get(`/store/giftwire/orders/${order.id}/codes`, other)
        .catch((error) => error.response);
      expect(stranger.status).toBe(404);
      expect(JSON.stringify(stranger.data)).not.toContain(codes[0]);
      const guest = await api
        .get(`/store/giftwire/orders/${order.id}/codes`, {
          headers: { 'x-publishable-api-key': s.publishableKey },
        })
        .catch((error) => error.response);
      expect(guest.status).toBe(401);

      // GET /store/orders/:id returns fulfillments[].data verbatim: it must carry no code or PIN.
      const { data: storeOrder } = await api.get(
        `/store/orders/${order.id}?fields=*fulfillments,+fulfillments.data`,
        buyer,
      );
      expect(storeOrder.order.fulfillments[0].data).toMatchObject({ reference, vendor: 'bamboo' });
      const storeText = JSON.stringify(storeOrder);
      for (const secret of secrets) expect(storeText).not.toContain(secret);

      // The customer was told, with a link and no code.
      const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
      const sent = await notifications.listNotifications({ to: 'buyer@example.com' });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        channel: 'email',
        template: 'giftwire-codes-ready',
        data: { order_id: order.id, codes_url: `https://shop.example/account/orders/${order.id}/codes` },
      });
      const sentText = JSON.stringify(sent);
      for (const secret of secrets) expect(sentText).not.toContain(secret);

      // The vault row holds the cards sealed, linked to the order.
      const query = container.resolve(ContainerRegistrationKeys.QUERY);
      const {
        data: [linked],
      } = await query.graph({
        entity: 'order',
        fields: ['giftwire_deliveries.*'],
        filters: { id: order.id },
      });
      const rows = (linked as { giftwire_deliveries: Array<Record<string, unknown>> }).giftwire_deliveries;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ reference, status: 'delivered', cards_issued: 2, cards_failed: 0 });
      expect(String(rows[0]!.sealed_cards)).toMatch(/^gw1:k1:/);
      for (const secret of secrets) expect(JSON.stringify(rows)).not.toContain(secret);

      // Staff see status and attempts with masked codes, and can ask for a retry.
      const admin = await adminHeaders(api, container);
      const { data: adminView } = await api.get(`/admin/giftwire/orders/${order.id}`, admin);
      expect(adminView.deliveries[0]).toMatchObject({
        reference,
        state: 'settled',
        vendor_order_id: expect.any(String),
      });
      expect(adminView.deliveries[0].attempts.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['submit', 'place']),
      );
      expect(adminView.deliveries[0].cards[0].code).toBe('••••••••');
      for (const secret of secrets) expect(JSON.stringify(adminView)).not.toContain(secret);
      const retried = await api.post(
        `/admin/giftwire/orders/${order.id}/deliveries/${reference}/retry`,
        {},
        admin,
      );
      expect(retried.data).toMatchObject({ reference, state: 'settled' });
      const anonymous = await api.get(`/admin/giftwire/orders/${order.id}`).catch((error) => error.response);
      expect(anonymous.status).toBe(401);
    });

    it('delivers what was issued when the vendor fails part of an order, and reports the rest', async () => {
      const container = getContainer();
      const s = await seed(container);
      const buyer = await signUp(api, s, 'partial@example.com');
      const order = await checkout(api, s, buyer, 3);
      await vi.waitFor(
        async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
        { timeout: 30_000, interval: 200 },
      );
      const reference = String((await fulfillmentsOf(container, order.id))[0]!.data.reference);
      const { codes } = sandbox.issuedSecrets(reference);
      expect(codes).toHaveLength(2);

      const { data: mine } = await api.get(`/store/giftwire/orders/${order.id}/codes`, buyer);
      expect(mine.status).toBe('partially_delivered');
      expect(mine.deliveries[0].cards.map((c: { code: string }) => c.code).sort()).toEqual([...codes].sort());

      const vault = await container.resolve<{
        listGiftwireDeliveries(f: object): Promise<Record<string, unknown>[]>;
      }>('giftwire');
      const [row] = await vault.listGiftwireDeliveries({ reference });
      expect(row).toMatchObject({ status: 'partially_delivered', cards_issued: 2, cards_failed: 1 });
      const [refund] = row!.not_charged as Array<{ amount: string; currency: string }>;
      expect(refund!.currency).toBe('USD');
      expect(refund!.amount).toMatch(/^10(\.0+)?$/);

      const admin = await adminHeaders(api, container);
      const { data: adminView } = await api.get(`/admin/giftwire/orders/${order.id}`, admin);
      expect(adminView.deliveries[0].settlement).toMatchObject({ issued: 2, failed: 1 });

      // The scheduled job finds nothing left to do: no second row, no second notification.
      await giftwireSync(container);
      expect(await vault.listGiftwireDeliveries({ order_id: order.id })).toHaveLength(1);
      const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
      expect(await notifications.listNotifications({ to: 'partial@example.com' })).toHaveLength(1);
    });

    it('the giftwire-sync job delivers an order that settled where no listener saw it', async () => {
      const container = getContainer();
      const s = await seed(container);
      // No vendor callback, and this process's engine stopped: another process (below) settles the order.
      sandbox.setNotification({ notificationUrlSandbox: null });
      const appEngine = await findEngine('bamboo')!;
      await appEngine.stop();
      const elsewhere = createFulfiller({
        vendors: [createBamboo(providerOptions.settings)],
        store: createPostgresOrderStore({ connectionString: ENGINE_DB_URL, schema: providerOptions.schema }),
        encryption: providerOptions.encryption,
        tuning: { sweepIntervalMs: 100 },
      });
      await elsewhere.start();
      try {
        const buyer = await signUp(api, s, 'sync@example.com');
        const order = await checkout(api, s, buyer, 1);
        let reference = '';
        await vi.waitFor(
          async () => {
            reference = String((await fulfillmentsOf(container, order.id))[0]?.data.reference);
            expect((await elsewhere.get(reference))?.state).toBe('settled');
          },
          { timeout: 30_000, interval: 100 },
        );
        expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeFalsy();

        await giftwireSync(container);

        expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy();
        const { data: mine } = await api.get(`/store/giftwire/orders/${order.id}/codes`, buyer);
        expect(mine.status).toBe('delivered');
        expect(mine.deliveries[0].cards.map((c: { code: string }) => c.code)).toEqual(
          sandbox.issuedSecrets(reference).codes,
        );
        const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
        expect(await notifications.listNotifications({ to: 'sync@example.com' })).toHaveLength(1);
      } finally {
        await elsewhere.close();
        await appEngine.start();
      }
    });

    it('keeps the cards of a vendor order that settled without a fulfillment, for staff only', async () => {
      const container = getContainer();
      const s = await seed(container);
      const buyer = await signUp(api, s, 'unassigned@example.com');
      const order = await checkout(api, s, buyer, 1);
      await vi.waitFor(
        async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
        { timeout: 30_000, interval: 200 },
      );

      // A second vendor order for the same Medusa order whose fulfillment is gone (as after a rolled-back
      // fulfillment workflow whose vendor order could not be cancelled): submitted to the engine directly.
      const engine = await findEngine('bamboo')!;
      const reference = randomUUID();
      await engine.submit({
        vendor: 'bamboo',
        request: {
          reference,
          lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }],
        },
        shopOrderId: order.id,
        customerId: buyer.id,
      });
      await vi.waitFor(async () => expect((await engine.get(reference))?.state).toBe('settled'), {
        timeout: 15_000,
      });
      const vault = container.resolve<{
        listGiftwireDeliveries(f: object): Promise<Record<string, unknown>[]>;
      }>('giftwire');
      // Settled moments ago: Medusa may still be writing its fulfillment, so nothing is decided yet.
      expect(await vault.listGiftwireDeliveries({ reference })).toHaveLength(0);

      const createdAt = Date.parse((await engine.get(reference))!.createdAt);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, createdAt + 8_100 - Date.now())));
      await giftwireSync(container);
      const [row] = await vault.listGiftwireDeliveries({ reference });
      expect(row).toMatchObject({
        status: 'unassigned',
        fulfillment_id: null,
        order_id: order.id,
        cards_issued: 1,
      });

      const admin = await adminHeaders(api, container);
      const { data: adminView } = await api.get(`/admin/giftwire/orders/${order.id}`, admin);
      const kept = adminView.deliveries.find((d: { reference: string }) => d.reference === reference);
      expect(kept).toMatchObject({ delivery_status: 'unassigned', fulfillment_id: null });
      expect(kept.cards[0].code).toBe('••••••••');
      expect(JSON.stringify(adminView)).not.toContain(sandbox.issuedSecrets(reference).codes[0]);

      // The customer's view is what was fulfilled; the unassigned card is the shop's to hand over.
      const { data: mine } = await api.get(`/store/giftwire/orders/${order.id}/codes`, buyer);
      expect(mine.status).toBe('delivered');
      expect(mine.deliveries.map((d: { reference: string }) => d.reference)).not.toContain(reference);
      const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
      expect(await notifications.listNotifications({ to: 'unassigned@example.com' })).toHaveLength(1);
    });

    it('refuses a forged vendor callback and an unknown vendor', async () => {
      const forged = await api
        .post('/hooks/giftwire/bamboo', {
          orderId: 1,
          status: 'Succeeded',
          requestId: 'x',
          secretKey: 'wrong',
        })
        .catch((error) => error.response);
      expect(forged.status).toBe(401);
      const unknown = await api.post('/hooks/giftwire/nobody', {}).catch((error) => error.response);
      expect(unknown.status).toBe(404);
    });
  },
});
