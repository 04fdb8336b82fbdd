import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import type { IFulfillmentModuleService } from '@medusajs/framework/types';
import { Modules } from '@medusajs/framework/utils';
import { moduleIntegrationTestRunner } from '@medusajs/test-utils';
import { bambooTestSettings } from '../../../../test/support/bamboo-test-settings';
import { PROVIDER_DB } from '../../../../test/support/global-setup';
import { orderLinesReference } from '../../../lib/fulfillment-reference';
import { closeEngines, findEngine } from '../../../lib/registrations';
import giftwireProvider from '../index';
import { GiftwireFulfillmentProviderService } from '../service';

// The runner builds the schema from `<resolve>/dist/models`, so `resolve` must be the fulfillment module's
// package directory (under pnpm it is only reachable through @medusajs/medusa).
const requireFromMedusa = createRequire(createRequire(import.meta.url).resolve('@medusajs/medusa'));
const FULFILLMENT_MODULE_DIR = dirname(dirname(requireFromMedusa.resolve('@medusajs/fulfillment')));

const DB_NAME = PROVIDER_DB;
const DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${DB_NAME}`;

// Started before the module boots: the provider options need its URL. Top-level await is fine in vitest.
const sandbox: BambooSandbox = await startBambooSandbox({
  scenario: { processingAfterMs: 20, settleAfterMs: 60 },
});

const providerOptions = {
  vendor: 'bamboo',
  settings: bambooTestSettings(sandbox.url),
  products: {
    'GC-BAMBOO-10': { productId: '439685', faceValue: { amount: '10', currency: 'USD' } },
    // Mapped by mistake: the vendor sells this product in USD.
    'GC-BAMBOO-10-EUR': { productId: '439685', faceValue: { amount: '10', currency: 'EUR' } },
  },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: DB_URL,
  schema: 'giftwire_provider_test',
};

afterAll(async () => {
  await closeEngines();
  await sandbox.close();
});

describe('GiftwireFulfillmentProviderService.validateOptions', () => {
  it('accepts good options', () => {
    expect(() => GiftwireFulfillmentProviderService.validateOptions(providerOptions)).not.toThrow();
    expect(() =>
      GiftwireFulfillmentProviderService.validateOptions({
        ...providerOptions,
        placeOn: 'authorized',
        linkSecret: 'x'.repeat(32),
        linkTtlMs: 60_000,
      }),
    ).not.toThrow();
  });

  it('never puts a link secret in its error', () => {
    const secret = 'short-but-secret';
    expect(() =>
      GiftwireFulfillmentProviderService.validateOptions({ ...providerOptions, linkSecret: secret }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });

  it.each([
    [{ vendor: 'nope' }, /option "vendor"/],
    [{ settings: { ...providerOptions.settings, clientId: undefined } }, /option "settings".*clientId/],
    [
      { products: { X: { productId: '1', faceValue: { amount: 10, currency: 'USD' } } } },
      /option "products\.X\.faceValue\.amount"/,
    ],
    [{ encryption: { keys: { k1: 'short' }, activeKeyId: 'k1' } }, /option "encryption".*32 bytes/],
    [{ databaseUrl: '' }, /option "databaseUrl"/],
    [{ placeOn: 'shipped' }, /option "placeOn" must be one of captured, authorized/],
    [{ linkSecret: 'too-short' }, /option "linkSecret" must be at least 32 characters/],
    [{ linkTtlMs: -1 }, /option "linkTtlMs"/],
  ])('refuses %j, naming the option', (patch, message) => {
    expect(() =>
      GiftwireFulfillmentProviderService.validateOptions({ ...providerOptions, ...patch }),
    ).toThrow(message);
  });
});

moduleIntegrationTestRunner<IFulfillmentModuleService>({
  moduleName: Modules.FULFILLMENT,
  resolve: FULFILLMENT_MODULE_DIR,
  dbName: DB_NAME,
  moduleOptions: {
    providers: [{ resolve: giftwireProvider, id: 'bamboo', options: providerOptions }],
  },
  testSuite: ({ service }) => {
    it('registers as giftwire_bamboo and offers digital delivery', async () => {
      const providers = await service.listFulfillmentProviders({});
      expect(providers.map((p) => p.id)).toContain('giftwire_bamboo');
      const options = await service.retrieveFulfillmentOptions('giftwire_bamboo');
      expect(options).toEqual([expect.objectContaining({ name: 'Digital delivery' })]);
    });

    it('places the vendor order and keeps codes out of fulfillment.data', async () => {
      const fulfillment = await service.createFulfillment({
        location_id: 'sloc_test',
        provider_id: 'giftwire_bamboo',
        delivery_address: {},
        items: [
          { title: 'Gift card $10', sku: 'GC-BAMBOO-10', quantity: 2, barcode: '', line_item_id: 'ordli_1' },
        ],
        labels: [],
        order: {
          id: 'order_1',
          customer_id: 'cus_1',
          items: [{ id: 'ordli_1', variant_sku: 'GC-BAMBOO-10' }],
        },
      } as never);

      const reference = orderLinesReference('order_1', [{ lineItemId: 'ordli_1', quantity: 2 }], 0);
      // createFulfillment returns the row as created; the provider's data is written just after it.
      const saved = await service.retrieveFulfillment(fulfillment.id);
      expect(saved.data).toEqual({
        reference,
        vendor: 'bamboo',
        status: 'pending',
        state: 'accepted',
      });

      // The engine places it in the background: wait for the sandbox to hold it, then for it to settle.
      await vi.waitFor(() => expect(sandbox.orders.get(reference)).toBeDefined(), { timeout: 15_000 });
      expect(sandbox.orders.get(reference)!.items[0]).toMatchObject({ productId: 439685, quantity: 2 });

      // Let the vendor issue the cards, then make sure none of them is anywhere on the fulfillment.
      await vi.waitFor(
        () => expect(sandbox.orders.get(reference)!.items[0]!.cards.every((c) => c.cardCode)).toBe(true),
        { timeout: 15_000 },
      );
      const { codes, pins } = sandbox.issuedSecrets(reference);
      const secrets = [...codes, ...pins];
      expect(secrets.length).toBeGreaterThan(0);
      const stored = await service.retrieveFulfillment(fulfillment.id, { relations: ['items', 'labels'] });
      const text = JSON.stringify(stored);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(stored.data).toEqual(saved.data);

      // Once the vendor has settled, the gift card cannot be cancelled: Medusa gets a refusal it shows as such.
      const engine = await findEngine('bamboo')!;
      await vi.waitFor(async () => expect((await engine.get(reference))?.state).toBe('settled'), {
        timeout: 15_000,
      });
      await expect(service.cancelFulfillment(fulfillment.id)).rejects.toThrow(/already settled/);
      expect((await service.retrieveFulfillment(fulfillment.id)).canceled_at).toBeNull();
    });

    it('adopts the vendor order of a fulfillment that died with its process instead of placing it again', async () => {
      // Found by the proof suite: Medusa SIGKILLed while the vendor held the placement's answer; the sync job
      // made a new fulfillment for the same items and the vendor was paid twice for one card.
      const make = () =>
        service.createFulfillment({
          location_id: 'sloc_test',
          provider_id: 'giftwire_bamboo',
          delivery_address: {},
          items: [
            {
              title: 'Gift card $10',
              sku: 'GC-BAMBOO-10',
              quantity: 1,
              barcode: '',
              line_item_id: 'ordli_adopt',
            },
          ],
          labels: [],
          order: {
            id: 'order_adopt',
            customer_id: 'cus_1',
            items: [{ id: 'ordli_adopt', variant_sku: 'GC-BAMBOO-10' }],
          },
        } as never);
      const first = await make();
      const again = await make();
      expect(again.id).not.toBe(first.id);
      const references = await Promise.all(
        [first, again].map(async (f) => (await service.retrieveFulfillment(f.id)).data?.reference),
      );
      expect(references[1]).toBe(references[0]);
      await vi.waitFor(() => expect(sandbox.orders.get(references[0] as string)).toBeDefined(), {
        timeout: 15_000,
      });
      expect(sandbox.orders.list().filter((o) => o.requestId === references[0])).toHaveLength(1);
    });

    it('refuses a line the vendor does not sell as mapped: invalid data naming the field, nothing placed', async () => {
      const before = sandbox.orders.list().length;
      const attempt = service.createFulfillment({
        location_id: 'sloc_test',
        provider_id: 'giftwire_bamboo',
        delivery_address: {},
        items: [
          {
            title: 'Gift card €10',
            sku: 'GC-BAMBOO-10-EUR',
            quantity: 1,
            barcode: '',
            line_item_id: 'ordli_2',
          },
        ],
        labels: [],
        order: {
          id: 'order_2',
          customer_id: 'cus_1',
          items: [{ id: 'ordli_2', variant_sku: 'GC-BAMBOO-10-EUR' }],
        },
      } as never);
      await expect(attempt).rejects.toMatchObject({
        type: 'invalid_data',
        message: expect.stringContaining('faceValue.currency'),
      });
      expect(sandbox.orders.list()).toHaveLength(before);
    });

    it('cancels a fulfillment whose vendor order was never submitted as a no-op', async () => {
      const provider = new GiftwireFulfillmentProviderService({}, providerOptions as never);
      await expect(provider.cancelFulfillment({ vendor: 'bamboo' })).resolves.toEqual({ vendor: 'bamboo' });
      await expect(
        provider.cancelFulfillment({ reference: '8c1b6f0e-95c4-8a1d-9a3e-3f4f1d2c7b61', vendor: 'bamboo' }),
      ).resolves.toMatchObject({ reference: '8c1b6f0e-95c4-8a1d-9a3e-3f4f1d2c7b61' });
    });
  },
});
