import { randomBytes, randomUUID } from 'node:crypto';
import { createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { createFulfiller } from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import type {
  IAuthModuleService,
  IFulfillmentModuleService,
  INotificationModuleService,
  IPaymentModuleService,
  IUserModuleService,
  MedusaContainer,
} from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { cancelOrderWorkflow } from '@medusajs/medusa/core-flows';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import type { AxiosInstance } from 'axios';
import giftwireSync from '../../src/jobs/giftwire-sync';
import { signCodesLink } from '../../src/lib/codes-link';
import { closeEngines, findEngine, getEngine } from '../../src/lib/registrations';
import giftwireProvider from '../../src/providers/giftwire/index';
import giftwireOrderPlaced from '../../src/subscribers/giftwire-order-placed';
import giftwirePaymentCaptured from '../../src/subscribers/giftwire-payment-captured';
import { bambooTestSettings } from '../../test/support/bamboo-test-settings';
import { capture, paymentOf } from '../../test/support/container-api';
import { APP_DB, APP_ENGINE_DB } from '../../test/support/global-setup';
import { seedGiftCardStore } from '../../test/support/seed-gift-card-store';
import { ADDRESS } from '../../test/support/store-api';

// The runner boots Medusa (migrations, links, loaders) in its own beforeAll, which takes no timeout argument:
// on a busy machine that takes minutes, not the package's default hook timeout.
vi.setConfig({ hookTimeout: 600_000 });

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
// A second vendor product: Bamboo takes 6 orders per product a minute, and this suite places more than that.
const SKU_25 = 'GC-BAMBOO-25';
const WEBHOOK_SECRET = 'app-test-callback-secret';
const LINK_SECRET = randomBytes(32).toString('base64url');
const providerOptions = {
  vendor: 'bamboo',
  settings: bambooTestSettings(sandbox.url, { notificationSecret: WEBHOOK_SECRET }),
  products: {
    [SKU]: { productId: '439685', faceValue: { amount: '10', currency: 'USD' } },
    [SKU_25]: { productId: '500200', faceValue: { amount: '25', currency: 'USD' } },
  },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: ENGINE_DB_URL,
  schema: 'giftwire_app_test',
  codesUrl: 'https://shop.example/account/orders/{order_id}/codes',
  // Short, so the unassigned-vendor-order test need not wait ten minutes; longer than Bamboo's first status
  // poll (~2 s), so that test can see the order settled and still too fresh to be called unassigned.
  unassignedAfterMs: 8_000,
  linkSecret: LINK_SECRET,
};

// A second account with the same vendor (a shop's EUR account): its own provider id, webhook secret and
// route, engine and schema (the default, `giftwire_bamboo_eur`). Its id comes from the provider entry alone.
const EUR_WEBHOOK_SECRET = 'app-test-eur-callback-secret';
const eurOptions = {
  vendor: 'bamboo',
  settings: bambooTestSettings(sandbox.url, { notificationSecret: EUR_WEBHOOK_SECRET }),
  products: { 'GC-BAMBOO-10-EUR': { productId: '439686', faceValue: { amount: '10', currency: 'EUR' } } },
  encryption: providerOptions.encryption,
  databaseUrl: ENGINE_DB_URL,
};

// Read by integration-tests/app/medusa-config.ts (providers must be objects, not .ts paths).
(globalThis as { __giftwireAppTestProviders?: unknown[] }).__giftwireAppTestProviders = [
  { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
  { resolve: giftwireProvider, id: 'bamboo', options: providerOptions },
  { resolve: giftwireProvider, id: 'bamboo_eur', options: eurOptions },
];

afterAll(async () => {
  await closeEngines();
  await sandbox.close();
});

async function seed(container: MedusaContainer) {
  const store = await seedGiftCardStore(container, 'Giftwire test store', [
    { sku: SKU, amount: 10 },
    { sku: SKU_25, amount: 25 },
  ]);
  return { ...store, variant: store.variants[SKU]!, variant25: store.variants[SKU_25]! };
}

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
async function checkout(
  api: AxiosInstance,
  s: Seeded,
  auth: Headers,
  quantity: number,
  variantId = s.variant.id,
) {
  const {
    data: { cart },
  } = await api.post(
    '/store/carts',
    {
      region_id: s.region.id,
      sales_channel_id: s.salesChannel.id,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [{ variant_id: variantId, quantity }],
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

/** checkout, then the shop captures the payment: the default `placeOn: 'captured'` places the order. */
async function checkoutAndCapture(
  api: AxiosInstance,
  container: MedusaContainer,
  s: Seeded,
  auth: Headers,
  quantity: number,
) {
  const order = await checkout(api, s, auth, quantity);
  await capture(container, order.id);
  return order;
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

/**
 * What a leaked secret looks like in a JSON body. A sandbox PIN is a few digits, which any timestamp may
 * contain by chance ("…05:46:01.917Z"); as a value of its own it would be a quoted string.
 */
const leakPattern = (secret: string) => (secret.length < 8 ? JSON.stringify(secret) : secret);

/** Per test: a busy machine (other suites on two shared cores) makes Medusa's workflows slow, not wrong. */
const TEST_TIMEOUT_MS = 240_000;

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
  dbName: APP_DB,
  testSuite: ({ api, getContainer }) => {
    it(
      'boots with giftwire_bamboo listed as a fulfillment provider',
      async () => {
        const fulfillment = getContainer().resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
        const providers = await fulfillment.listFulfillmentProviders({});
        expect(providers.map((p) => p.id)).toEqual(
          expect.arrayContaining(['giftwire_bamboo', 'manual_manual']),
        );
        expect((await api.get('/health')).status).toBe(200);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'sells a gift card end to end: checkout, vendor order, delivery, codes for the owner only',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        // The sandbox calls the plugin's webhook route with the shared secret echoed in the body, as Bamboo does.
        sandbox.setNotification({
          notificationUrlSandbox: `${api.defaults.baseURL}/hooks/giftwire/bamboo`,
          secretKey: WEBHOOK_SECRET,
        });
        const buyer = await signUp(api, s, 'buyer@example.com');
        const order = await checkoutAndCapture(api, container, s, buyer, 2);
        // The order.placed event delivered twice more while the first delivery is still being handled (an
        // at-least-once event bus): one fulfillment, one vendor order.
        const again = {
          event: { name: 'order.placed', data: { id: order.id } },
          container,
          pluginOptions: {},
        };
        const captured = {
          event: { name: 'payment.captured', data: { id: await paymentOf(container, order.id) } },
          container,
          pluginOptions: {},
        };
        await Promise.all([
          giftwireOrderPlaced(again as never),
          giftwireOrderPlaced(again as never),
          giftwirePaymentCaptured(captured as never),
          giftwirePaymentCaptured(captured as never),
        ]);

        // order.placed → the plugin's subscriber fulfils the order with the giftwire provider.
        let reference = '';
        await vi.waitFor(
          async () => {
            const [fulfillment] = await fulfillmentsOf(container, order.id);
            expect(fulfillment?.provider_id).toBe('giftwire_bamboo');
            reference = String(fulfillment!.data.reference);
          },
          { timeout: 120_000, interval: 100 },
        );
        expect(sandbox.orders.get(reference)?.items[0]).toMatchObject({ productId: 439685, quantity: 2 });
        expect(await fulfillmentsOf(container, order.id)).toHaveLength(1);
        expect(sandbox.orders.list()).toHaveLength(1);

        // Settlement → vault row, fulfillment delivered, fulfillment.data updated (still without codes).
        await vi.waitFor(
          async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
          { timeout: 120_000, interval: 200 },
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
        for (const secret of secrets) expect(storeText).not.toContain(leakPattern(secret));

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
        const anonymous = await api
          .get(`/admin/giftwire/orders/${order.id}`)
          .catch((error) => error.response);
        expect(anonymous.status).toBe(401);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'places the vendor order only once the payment is captured, exactly once',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const buyer = await signUp(api, s, 'capture-later@example.com');
        const vendorOrdersBefore = sandbox.orders.list().length;
        const order = await checkout(api, s, buyer, 1, s.variant25.id);
        const placedEvent = {
          event: { name: 'order.placed', data: { id: order.id } },
          container,
          pluginOptions: {},
        };

        // Authorized only: order.placed (here awaited, as the event bus runs it) and the sync job place nothing.
        await giftwireOrderPlaced(placedEvent as never);
        await giftwireSync(container);
        expect(await fulfillmentsOf(container, order.id)).toHaveLength(0);
        expect(sandbox.orders.list()).toHaveLength(vendorOrdersBefore);

        // The shop captures: payment.captured places it. The event repeated, with order.placed and the job
        // running again, still makes one fulfillment and one vendor order.
        const paymentId = await capture(container, order.id);
        await vi.waitFor(async () => expect(await fulfillmentsOf(container, order.id)).toHaveLength(1), {
          timeout: 120_000,
          interval: 100,
        });
        const capturedEvent = {
          event: { name: 'payment.captured', data: { id: paymentId } },
          container,
          pluginOptions: {},
        };
        await Promise.all([
          giftwirePaymentCaptured(capturedEvent as never),
          giftwirePaymentCaptured(capturedEvent as never),
          giftwireOrderPlaced(placedEvent as never),
          giftwireSync(container),
        ]);
        const fulfillments = await fulfillmentsOf(container, order.id);
        expect(fulfillments).toHaveLength(1);
        expect(fulfillments[0]!.provider_id).toBe('giftwire_bamboo');
        expect(sandbox.orders.list()).toHaveLength(vendorOrdersBefore + 1);
        expect(sandbox.orders.get(String(fulfillments[0]!.data.reference))).toBeDefined();
        await vi.waitFor(
          async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
          { timeout: 120_000, interval: 200 },
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'places nothing for an order canceled before its payment was captured',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const buyer = await signUp(api, s, 'canceled@example.com');
        const vendorOrdersBefore = sandbox.orders.list().length;
        const order = await checkout(api, s, buyer, 1, s.variant25.id);
        const placedEvent = {
          event: { name: 'order.placed', data: { id: order.id } },
          container,
          pluginOptions: {},
        };
        await giftwireOrderPlaced(placedEvent as never);
        const paymentId = await paymentOf(container, order.id);

        // Canceling voids the authorization; a late or stray payment.captured and the job must place nothing.
        await cancelOrderWorkflow(container).run({ input: { order_id: order.id } });
        const capturedEvent = {
          event: { name: 'payment.captured', data: { id: paymentId } },
          container,
          pluginOptions: {},
        };
        await giftwirePaymentCaptured(capturedEvent as never);
        await giftwireOrderPlaced(placedEvent as never);
        await giftwireSync(container);
        expect(await fulfillmentsOf(container, order.id)).toHaveLength(0);
        expect(sandbox.orders.list()).toHaveLength(vendorOrdersBefore);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'the giftwire-sync job places a captured order whose capture event never came',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const buyer = await signUp(api, s, 'missed-capture@example.com');
        const order = await checkout(api, s, buyer, 1, s.variant25.id);
        await giftwireOrderPlaced({
          event: { name: 'order.placed', data: { id: order.id } },
          container,
          pluginOptions: {},
        } as never);
        expect(await fulfillmentsOf(container, order.id)).toHaveLength(0);

        // Captured straight through the payment module: no workflow, so no payment.captured event.
        const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT);
        await payments.capturePayment({ payment_id: await paymentOf(container, order.id) });
        expect(await fulfillmentsOf(container, order.id)).toHaveLength(0);

        await giftwireSync(container);
        const [fulfillment] = await fulfillmentsOf(container, order.id);
        expect(fulfillment?.provider_id).toBe('giftwire_bamboo');
        expect(sandbox.orders.get(String(fulfillment!.data.reference))).toBeDefined();
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'gives a guest a signed link to their codes, which staff can revoke',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const guest = { headers: { 'x-publishable-api-key': s.publishableKey } };
        const email = 'guest-buyer@example.com';
        const {
          data: { cart },
        } = await api.post(
          '/store/carts',
          {
            region_id: s.region.id,
            sales_channel_id: s.salesChannel.id,
            email,
            shipping_address: ADDRESS,
            billing_address: ADDRESS,
            items: [{ variant_id: s.variant25.id, quantity: 1 }],
          },
          guest,
        );
        await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: s.shippingOptionId }, guest);
        const {
          data: { payment_collection },
        } = await api.post('/store/payment-collections', { cart_id: cart.id }, guest);
        await api.post(
          `/store/payment-collections/${payment_collection.id}/payment-sessions`,
          { provider_id: 'pp_system_default' },
          guest,
        );
        const { data: completed } = await api.post(`/store/carts/${cart.id}/complete`, {}, guest);
        expect(completed.type).toBe('order');
        const orderId = completed.order.id as string;
        await capture(container, orderId);
        await vi.waitFor(
          async () => expect((await fulfillmentsOf(container, orderId))[0]?.delivered_at).toBeTruthy(),
          { timeout: 120_000, interval: 200 },
        );
        const reference = String((await fulfillmentsOf(container, orderId))[0]!.data.reference);
        const { codes, pins } = sandbox.issuedSecrets(reference);

        // The notification links to the codes with a signed token; neither link nor data holds a secret.
        const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
        let sent: Awaited<ReturnType<INotificationModuleService['listNotifications']>> = [];
        await vi.waitFor(
          async () => {
            sent = await notifications.listNotifications({ to: email });
            expect(sent).toHaveLength(1);
          },
          { timeout: 60_000, interval: 200 },
        );
        const link = String((sent[0]!.data as { codes_url: string }).codes_url);
        expect(link).toMatch(/^\/store\/giftwire\/links\/v1\./);
        for (const secret of [...codes, ...pins])
          expect(JSON.stringify(sent)).not.toContain(leakPattern(secret));
        for (const secret of codes) expect(link).not.toContain(secret);
        const token = decodeURIComponent(link.split('/').pop()!);

        // The link reads the codes, uncached, without signing in.
        const read = await api.get(link, guest);
        expect(read.headers['cache-control']).toBe('no-store');
        expect(read.data.status).toBe('delivered');
        expect(read.data.deliveries[0].cards.map((c: { code: string }) => c.code)).toEqual(codes);
        expect(read.data).not.toHaveProperty('customer_id');

        const refused = async (path: string) => {
          const response = await api.get(path, guest).catch((error) => error.response);
          expect(response.status).toBe(404);
          for (const secret of codes) expect(JSON.stringify(response.data)).not.toContain(secret);
          return response.data;
        };
        // Tampered: another order, a later expiry, a changed MAC character. Expired: correctly signed.
        const [prefix, , expiry, version, mac] = token.split('.') as [string, string, string, string, string];
        const tampered = [
          [prefix, 'order_01XXXXXXXXXXXXXXXXXXXXXXXX', expiry, version, mac],
          [prefix, orderId, String(Number(expiry) + 3600), version, mac],
          // The first character: the last one of a base64url MAC carries padding bits a decoder ignores.
          [prefix, orderId, expiry, version, `${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`],
        ].map((parts) => `/store/giftwire/links/${parts.join('.')}`);
        const expired = signCodesLink(LINK_SECRET, {
          orderId,
          expiresAt: Math.floor(Date.now() / 1000) - 1,
          version: 0,
        });
        const bodies: unknown[] = [];
        for (const path of [...tampered, `/store/giftwire/links/${expired}`])
          bodies.push(await refused(path));

        // Staff revoke: the link stops working, and says no more than a forged one.
        const admin = await adminHeaders(api, container);
        const revoked = await api.post(`/admin/giftwire/orders/${orderId}/codes-links/revoke`, {}, admin);
        expect(revoked.data).toMatchObject({ order_id: orderId, links_version: 1 });
        bodies.push(await refused(link));
        for (const body of bodies) expect(body).toEqual(bodies[0]);
        const anonymous = await api
          .post(`/admin/giftwire/orders/${orderId}/codes-links/revoke`, {})
          .catch((error) => error.response);
        expect(anonymous.status).toBe(401);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'delivers what was issued when the vendor fails part of an order, and reports the rest',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const buyer = await signUp(api, s, 'partial@example.com');
        const order = await checkoutAndCapture(api, container, s, buyer, 3);
        await vi.waitFor(
          async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
          { timeout: 120_000, interval: 200 },
        );
        const reference = String((await fulfillmentsOf(container, order.id))[0]!.data.reference);
        const { codes } = sandbox.issuedSecrets(reference);
        expect(codes).toHaveLength(2);

        const { data: mine } = await api.get(`/store/giftwire/orders/${order.id}/codes`, buyer);
        expect(mine.status).toBe('partially_delivered');
        expect(mine.deliveries[0].cards.map((c: { code: string }) => c.code).sort()).toEqual(
          [...codes].sort(),
        );

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
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'the giftwire-sync job delivers an order that settled where no listener saw it',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        // No vendor callback, and this process's engine stopped: another process (below) settles the order.
        sandbox.setNotification({ notificationUrlSandbox: null });
        const appEngine = await findEngine('bamboo')!;
        await appEngine.stop();
        const elsewhere = createFulfiller({
          vendors: [createBamboo(providerOptions.settings)],
          store: createPostgresOrderStore({
            connectionString: ENGINE_DB_URL,
            schema: providerOptions.schema,
          }),
          encryption: providerOptions.encryption,
          tuning: { sweepIntervalMs: 100 },
        });
        await elsewhere.start();
        try {
          const buyer = await signUp(api, s, 'sync@example.com');
          const order = await checkoutAndCapture(api, container, s, buyer, 1);
          let reference = '';
          await vi.waitFor(
            async () => {
              reference = String((await fulfillmentsOf(container, order.id))[0]?.data.reference);
              expect((await elsewhere.get(reference))?.state).toBe('settled');
            },
            { timeout: 120_000, interval: 100 },
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
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'keeps the cards of a vendor order that settled without a fulfillment, for staff only',
      async () => {
        const container = getContainer();
        const s = await seed(container);
        const buyer = await signUp(api, s, 'unassigned@example.com');
        const order = await checkoutAndCapture(api, container, s, buyer, 1);
        await vi.waitFor(
          async () => expect((await fulfillmentsOf(container, order.id))[0]?.delivered_at).toBeTruthy(),
          { timeout: 120_000, interval: 200 },
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
        // Bamboo allows 6 orders per product a minute: this suite's earlier orders may hold this one back.
        await vi.waitFor(async () => expect((await engine.get(reference))?.state).toBe('settled'), {
          timeout: 120_000,
          interval: 200,
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
      },
      TEST_TIMEOUT_MS,
    );

    it('answers an order id PostgreSQL cannot hold (a NUL) as a missing order, never with a 5xx', async () => {
      // Found by the proof suite's bad input: the codes route answered 503 ("unavailable") and the staff
      // routes 500, because the query itself failed.
      const container = getContainer();
      const s = await seed(container);
      const buyer = await signUp(api, s, 'nul-id@example.com');
      const staff = await adminHeaders(api, container);
      const answers = await Promise.all(
        [
          api.get('/store/giftwire/orders/order_%00/codes', buyer),
          api.get('/admin/giftwire/orders/order_%00', staff),
          api.post('/admin/giftwire/orders/order_%00/codes-links/revoke', {}, staff),
          api.post('/admin/giftwire/orders/order_%00/deliveries/x/retry', {}, staff),
        ].map((request) => request.catch((error) => error.response)),
      );
      expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
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

    it('runs a second Bamboo account under its own provider id, engine, tables and webhook route', async () => {
      const fulfillment = getContainer().resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
      const providers = await fulfillment.listFulfillmentProviders({});
      expect(providers.map((p) => p.id)).toEqual(
        expect.arrayContaining(['giftwire_bamboo', 'giftwire_bamboo_eur']),
      );
      // Medusa built this provider from its options alone; it found its own entry id in the config.
      expect(await fulfillment.retrieveFulfillmentOptions('giftwire_bamboo_eur')).toEqual([
        expect.objectContaining({ id: 'giftwire-bamboo_eur-digital', vendor: 'bamboo' }),
      ]);

      // An order of the first account, which settled earlier in this suite.
      const usdEngine = await getEngine('bamboo');
      const eurEngine = await getEngine('bamboo_eur');
      expect(eurEngine).not.toBe(usdEngine);
      const [settled] = (await usdEngine.list({ state: 'settled', limit: 1 })).orders;
      expect(settled).toBeDefined();
      const vendorOrder = sandbox.orders.get(settled!.reference)!;
      const callback = (secretKey: string) => ({
        orderId: vendorOrder.orderId,
        status: vendorOrder.status,
        totalCards: 1,
        createdOn: new Date(vendorOrder.createdAt).toISOString(),
        completedOn: new Date(vendorOrder.completedAt ?? vendorOrder.createdAt).toISOString(),
        secretKey,
        requestId: settled!.reference,
      });
      // Each route verifies with its own account's secret.
      const wrongAccount = await api
        .post('/hooks/giftwire/bamboo_eur', callback(WEBHOOK_SECRET))
        .catch((error) => error.response);
      expect(wrongAccount.status).toBe(401);
      // Verified, but the EUR engine has its own tables: it does not know the USD account's order.
      const eurRoute = await api.post('/hooks/giftwire/bamboo_eur', callback(EUR_WEBHOOK_SECRET));
      expect(eurRoute.status).toBe(202);
      expect(eurRoute.data.status).toBe('unknown_order');
      expect(await eurEngine.get(settled!.reference)).toBeUndefined();
      expect((await eurEngine.list({})).orders).toEqual([]);
      expect(await usdEngine.get(settled!.reference)).toMatchObject({ state: 'settled' });
    });
  },
});
