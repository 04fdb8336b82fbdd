import { randomBytes } from 'node:crypto';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import type {
  IFulfillmentModuleService,
  INotificationModuleService,
  MedusaContainer,
} from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import giftwireSync from '../../src/jobs/giftwire-sync';
import type { OrderDeliveries } from '../../src/lib/order-deliveries';
import { closeEngines, getEngine } from '../../src/lib/registrations';
import giftwireProvider from '../../src/providers/giftwire/index';
import giftwireOrderPlaced from '../../src/subscribers/giftwire-order-placed';
import giftwirePaymentCaptured from '../../src/subscribers/giftwire-payment-captured';
import { adminHeaders, capture, paymentOf } from '../../test/support/container-api';
import { freePort } from '../../test/support/free-port';
import { MULTI_APP_DB, MULTI_ENGINE_DB } from '../../test/support/global-setup';
import { type HarnessSandbox, harnessProduct, harnessSettings } from '../../test/support/harness-settings';
import { seedGiftCardStore } from '../../test/support/seed-gift-card-store';
import { checkout, signUp } from '../../test/support/store-api';

// The runner boots Medusa in its own beforeAll, which takes no timeout argument (see integration-tests/app).
vi.setConfig({ hookTimeout: 600_000 });

const ENGINE_DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${MULTI_ENGINE_DB}`;

// The sandboxes post their webhooks to the app, whose port must be known before they start: the runner listens
// on PORT when it is set.
const PORT = await freePort();
process.env.PORT = String(PORT);
const hookPath = (vendor: string) => `/hooks/giftwire/digital/${vendor}`;

/**
 * GiftHub settles long after the other three, so the customer's codes page can be seen mid-way: three vendor
 * orders delivered, one pending. Well inside GiftHub's time-scaled deadline (3 minutes).
 */
const GIFTHUB_SETTLES_AFTER_MS = 20_000;

const VENDORS = VENDOR_HARNESSES.map((harness) => harness.vendor);
const skuOf = (vendor: string) => `GC-${vendor.toUpperCase()}`;

const sandboxes = new Map<string, HarnessSandbox>();
for (const harness of VENDOR_HARNESSES) {
  sandboxes.set(
    harness.vendor,
    await harness.startSandbox({
      ...(harness.webhook ? { webhookUrl: `http://127.0.0.1:${PORT}${hookPath(harness.vendor)}` } : {}),
      ...(harness.vendor === 'gifthub' ? { settleAfterMs: GIFTHUB_SETTLES_AFTER_MS } : {}),
    }),
  );
}
const sandboxOf = (vendor: string) => sandboxes.get(vendor)!;

// The shape a shop writes: one registration `digital`, every vendor's settings, every product naming its vendor.
const providerOptions = {
  vendors: Object.fromEntries(
    VENDOR_HARNESSES.map((harness) => [harness.vendor, harnessSettings(harness, sandboxOf(harness.vendor))]),
  ),
  products: Object.fromEntries(
    VENDOR_HARNESSES.map((harness) => [skuOf(harness.vendor), harnessProduct(harness)]),
  ),
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: ENGINE_DB_URL,
  codesUrl: 'https://shop.example/account/orders/{order_id}/codes',
};

(globalThis as { __giftwireMultiVendorTestProviders?: unknown[] }).__giftwireMultiVendorTestProviders = [
  { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
  { resolve: giftwireProvider, id: 'digital', options: providerOptions },
];

afterAll(async () => {
  await closeEngines();
  await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close()));
});

const TEST_TIMEOUT_MS = 300_000;

/** What a leaked secret looks like in a JSON body (a short PIN as a value of its own; see integration-tests/app). */
const leakPattern = (secret: string) => (secret.length < 8 ? JSON.stringify(secret) : secret);

async function fulfillmentsOf(container: MedusaContainer, orderId: string) {
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
    data: { reference: string; vendor: string; state: string; status: string };
  }>;
}

/** What the codes route answers. */
type CodesView = OrderDeliveries;

medusaIntegrationTestRunner({
  cwd: __dirname,
  dbName: MULTI_APP_DB,
  testSuite: ({ api, getContainer }) => {
    it(
      'sells one card of each of the four vendors through one delivery option: one vendor order each, every code to the owner only',
      async () => {
        const container = getContainer();
        // setUpDigitalDelivery with no registrations named: every configured one, here the one `digital`.
        const s = await seedGiftCardStore(
          container,
          'Multi-vendor store',
          VENDORS.map((vendor) => ({ sku: skuOf(vendor), amount: 10, label: vendor })),
          { registrations: null, productTitle: 'Gift card' },
        );
        expect(Object.keys(s.delivery.vendors)).toEqual(['digital']);
        const fulfillment = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
        const giftwireOptions = (await fulfillment.listShippingOptions({})).filter((option) =>
          option.provider_id?.startsWith('giftwire_'),
        );
        expect(giftwireOptions.map((option) => [option.name, option.provider_id])).toEqual([
          ['Digital delivery (email)', 'giftwire_digital'],
        ]);

        const buyer = await signUp(api, s, 'multi-buyer@example.com');
        const order = await checkout(
          api,
          s,
          buyer,
          VENDORS.map((vendor) => ({ variant_id: s.variants[skuOf(vendor)]!.id, quantity: 1 })),
          s.shippingOptionId,
        );
        await capture(container, order.id);
        // The events again, at once (an at-least-once event bus): still one fulfillment per vendor.
        const placed = {
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
          giftwireOrderPlaced(placed as never),
          giftwireOrderPlaced(placed as never),
          giftwirePaymentCaptured(captured as never),
          giftwirePaymentCaptured(captured as never),
        ]);

        await vi.waitFor(async () => expect(await fulfillmentsOf(container, order.id)).toHaveLength(4), {
          timeout: 120_000,
          interval: 200,
        });
        const fulfillments = await fulfillmentsOf(container, order.id);
        expect(fulfillments.map((f) => f.data.vendor).sort()).toEqual([...VENDORS].sort());
        expect(new Set(fulfillments.map((f) => f.provider_id))).toEqual(new Set(['giftwire_digital']));
        const referenceOf = (vendor: string) =>
          fulfillments.find((f) => f.data.vendor === vendor)!.data.reference;

        // Mid-way: three vendors delivered, GiftHub still pending; the customer sees each with its status, and
        // has not been notified yet (one message per order, when the last vendor order settled).
        const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
        await vi.waitFor(
          async () => {
            const { data } = await api.get<CodesView>(`/store/giftwire/orders/${order.id}/codes`, buyer);
            expect(data.status).toBe('processing');
            const byVendor = Object.fromEntries(data.deliveries.map((d) => [d.vendor, d]));
            expect(Object.keys(byVendor).sort()).toEqual([...VENDORS].sort());
            for (const vendor of ['bamboo', 'starship', 'budgetree']) {
              expect(byVendor[vendor]).toMatchObject({ delivery_status: 'delivered', state: 'settled' });
            }
            expect(byVendor.gifthub).toMatchObject({ delivery_status: 'pending', cards: [] });
            expect(byVendor.gifthub!.state).not.toBe('settled');
          },
          { timeout: GIFTHUB_SETTLES_AFTER_MS, interval: 250 },
        );
        expect(await notifications.listNotifications({ to: 'multi-buyer@example.com' })).toHaveLength(0);

        await vi.waitFor(
          async () => {
            const all = await fulfillmentsOf(container, order.id);
            expect(all.every((f) => f.delivered_at)).toBe(true);
          },
          { timeout: 120_000, interval: 250 },
        );

        // Each vendor's sandbox holds exactly one vendor order, the one for its fulfillment.
        for (const vendor of VENDORS) {
          const orders = sandboxOf(vendor).orders();
          expect(
            orders.map((o) => o.reference.toLowerCase()),
            vendor,
          ).toEqual([referenceOf(vendor)]);
        }

        // Every secret each sandbox issued reaches the owner, under its vendor.
        const { data: mine } = await api.get<CodesView>(`/store/giftwire/orders/${order.id}/codes`, buyer);
        expect(mine.status).toBe('delivered');
        expect(mine.deliveries).toHaveLength(4);
        const allSecrets: string[] = [];
        for (const vendor of VENDORS) {
          const delivery = mine.deliveries.find((d) => d.vendor === vendor)!;
          expect(delivery).toMatchObject({ reference: referenceOf(vendor), delivery_status: 'delivered' });
          const { codes, pins, urls } = sandboxOf(vendor).issuedSecrets(referenceOf(vendor));
          const secrets = [...codes, ...pins, ...urls];
          expect(codes.length + urls.length, vendor).toBeGreaterThan(0);
          const text = JSON.stringify(delivery.cards);
          for (const secret of secrets) expect(text, vendor).toContain(secret);
          allSecrets.push(...secrets);
        }

        // Nobody else: another customer, a caller with only the publishable key.
        const other = await signUp(api, s, 'multi-someone-else@example.com');
        const stranger = await api
          .get(`/store/giftwire/orders/${order.id}/codes`, other)
          .catch((error) => error.response);
        expect(stranger.status).toBe(404);
        const guest = await api
          .get(`/store/giftwire/orders/${order.id}/codes`, {
            headers: { 'x-publishable-api-key': s.publishableKey },
          })
          .catch((error) => error.response);
        expect(guest.status).toBe(401);
        for (const secret of allSecrets) {
          expect(JSON.stringify(stranger.data)).not.toContain(leakPattern(secret));
          expect(JSON.stringify(guest.data)).not.toContain(leakPattern(secret));
        }

        // One notification for the whole order, with a link and no code.
        const sent = await notifications.listNotifications({ to: 'multi-buyer@example.com' });
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatchObject({
          data: { order_id: order.id, codes_url: `https://shop.example/account/orders/${order.id}/codes` },
        });
        for (const secret of allSecrets) expect(JSON.stringify(sent)).not.toContain(leakPattern(secret));

        // Staff see one row per vendor order: vendor, state, vendor status, attempts, masked codes.
        const admin = await adminHeaders(api, container);
        const { data: adminView } = await api.get(`/admin/giftwire/orders/${order.id}`, admin);
        expect(adminView.deliveries.map((d: { vendor: string }) => d.vendor).sort()).toEqual(
          [...VENDORS].sort(),
        );
        for (const delivery of adminView.deliveries) {
          expect(delivery).toMatchObject({ state: 'settled', attempt_count: delivery.attempts.length });
          expect(delivery.attempt_count).toBeGreaterThan(0);
          for (const card of delivery.cards) if (card.code !== null) expect(card.code).toBe('••••••••');
        }
        for (const secret of allSecrets) expect(JSON.stringify(adminView)).not.toContain(leakPattern(secret));

        // Medusa's own order record agrees: every item delivered (a delivery that raced a fulfillment being
        // created would be lost there), and the job finds nothing left that fails.
        const { data: medusaOrder } = await api.get(
          `/admin/orders/${order.id}?fields=fulfillment_status`,
          admin,
        );
        expect(medusaOrder.order.fulfillment_status).toBe('delivered');
        await giftwireSync(container);
        expect(await notifications.listNotifications({ to: 'multi-buyer@example.com' })).toHaveLength(1);
      },
      TEST_TIMEOUT_MS,
    );

    it('takes each vendor’s webhooks at its own route, verified by that vendor', async () => {
      const engine = await getEngine('digital');
      const { orders } = await engine.list({ state: 'settled', limit: 10 });
      const post = (path: string, input: { headers: Record<string, unknown>; rawBody: string | Buffer }) =>
        api
          .post(path, String(input.rawBody), {
            headers: { 'content-type': 'application/json', ...(input.headers as Record<string, string>) },
            transformRequest: [(data) => data],
          })
          .catch((error) => error.response);

      // A multi-vendor registration's bare route does not guess the vendor from an unverified body.
      const bare = await post('/hooks/giftwire/digital', { headers: {}, rawBody: '{}' });
      expect(bare.status).toBe(400);
      expect(bare.data.message).toContain('/hooks/giftwire/digital/<vendor>');
      expect((await post(hookPath('acme'), { headers: {}, rawBody: '{}' })).status).toBe(404);
      // Budgetree sends no webhooks.
      expect((await post(hookPath('budgetree'), { headers: {}, rawBody: '{}' })).status).toBe(404);

      for (const harness of VENDOR_HARNESSES) {
        if (!harness.webhook) continue;
        const settled = orders.find((o) => o.vendor === harness.vendor);
        expect(settled, harness.vendor).toBeDefined();
        const forged = harness.webhook.forge(sandboxOf(harness.vendor), settled!.reference);
        expect((await post(hookPath(harness.vendor), forged)).status, harness.vendor).toBe(401);
      }

      // A genuine Bamboo callback verifies at Bamboo's route, and at no other vendor's.
      const settled = orders.find((o) => o.vendor === 'bamboo')!;
      const bambooOrder = (
        sandboxOf('bamboo').orders as unknown as { get(ref: string): Record<string, unknown> }
      ).get(settled.reference);
      const secretKey = (sandboxOf('bamboo').clientSettings() as { notificationSecret?: string })
        .notificationSecret;
      const genuine = {
        headers: {},
        rawBody: JSON.stringify({
          orderId: bambooOrder.orderId,
          status: bambooOrder.status,
          totalCards: 1,
          createdOn: new Date(bambooOrder.createdAt as number).toISOString(),
          completedOn: new Date((bambooOrder.completedAt ?? bambooOrder.createdAt) as number).toISOString(),
          secretKey,
          requestId: settled.reference,
        }),
      };
      const accepted = await post(hookPath('bamboo'), genuine);
      expect(accepted.status).toBe(202);
      expect(['accepted', 'duplicate']).toContain(accepted.data.status);
      expect((await post(hookPath('gifthub'), genuine)).status).toBe(401);
    });
  },
});
