import { randomBytes } from 'node:crypto';
import { bambooHarness, starshipHarness } from '@giftwire/vendor-harnesses';
import { PROVIDER_DB } from '../../../../test/support/global-setup';
import { harnessProduct, harnessSettings } from '../../../../test/support/harness-settings';
import { orderLinesReference } from '../../../lib/fulfillment-reference';
import { closeEngines, findEngine } from '../../../lib/registrations';
import { GiftwireFulfillmentProviderService } from '../service';

const DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${PROVIDER_DB}`;

const bamboo = await bambooHarness.startSandbox();
const starship = await starshipHarness.startSandbox();

// One registration, two vendors: the provider Medusa builds for `giftwire_digital`.
const options = {
  vendors: {
    bamboo: harnessSettings(bambooHarness, bamboo),
    starship: harnessSettings(starshipHarness, starship),
  },
  products: { 'GC-BAMBOO': harnessProduct(bambooHarness), 'GC-STARSHIP': harnessProduct(starshipHarness) },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: DB_URL,
  schema: 'giftwire_multi_provider_test',
};
const provider = new GiftwireFulfillmentProviderService({}, options as never);

afterAll(async () => {
  await closeEngines();
  await Promise.all([bamboo.close(), starship.close()]);
});

/** What Medusa hands `createFulfillment`: fulfillment items (SKU, line item) and the order's line items. */
function fulfil(fulfillmentId: string, skus: string[]) {
  const items = skus.map((sku, i) => ({ sku, quantity: 1, line_item_id: `ordli_${fulfillmentId}_${i}` }));
  const order = {
    id: `order_${fulfillmentId}`,
    customer_id: 'cus_1',
    items: items.map((item) => ({ id: item.line_item_id, variant_sku: item.sku })),
  };
  return provider.createFulfillment({}, items as never, order as never, { id: fulfillmentId });
}

describe('a multi-vendor registration', () => {
  it('offers one digital delivery option for every vendor, naming none in the shipping method', async () => {
    expect(await provider.getFulfillmentOptions()).toEqual([
      expect.objectContaining({ id: 'giftwire-digital-digital', vendors: ['bamboo', 'starship'] }),
    ]);
    expect(await provider.validateFulfillmentData({ id: 'opt' }, {})).toEqual({ option_id: 'opt' });
    expect(await provider.validateOption({ vendor: 'starship' })).toBe(true);
    expect(await provider.validateOption({ vendor: 'gifthub' })).toBe(false);
  });

  it('places each fulfillment with the vendor of its items', async () => {
    const { data } = await fulfil('ful_starship', ['GC-STARSHIP']);
    // The order and its lines name the vendor order, so a fulfillment made again for them finds it.
    const reference = orderLinesReference(
      'order_ful_starship',
      [{ lineItemId: 'ordli_ful_starship_0', quantity: 1 }],
      0,
    );
    expect(data).toEqual({ reference, vendor: 'starship', status: 'pending', state: 'accepted' });
    await vi.waitFor(
      () => expect(starship.orders().map((o) => o.reference.toLowerCase())).toContain(reference),
      { timeout: 30_000 },
    );
    expect(bamboo.orders()).toHaveLength(0);
    const engine = await findEngine('digital')!;
    expect(await engine.get(reference)).toMatchObject({
      vendor: 'starship',
      shopOrderId: 'order_ful_starship',
    });
  });

  it('refuses one fulfillment holding items of two vendors, naming both, and places nothing', async () => {
    const engine = await findEngine('digital')!;
    const before = { bamboo: bamboo.orders().length, starship: starship.orders().length };
    const attempt = fulfil('ful_mixed', ['GC-BAMBOO', 'GC-STARSHIP']);
    await expect(attempt).rejects.toMatchObject({
      type: 'invalid_data',
      message:
        'giftwire_digital cannot place one fulfillment with items of bamboo and starship: fulfil each ' +
        "vendor's items separately (one fulfillment per vendor)",
    });
    const lines = [0, 1].map((i) => ({ lineItemId: `ordli_ful_mixed_${i}`, quantity: 1 }));
    expect(await engine.get(orderLinesReference('order_ful_mixed', lines, 0))).toBeUndefined();
    expect({ bamboo: bamboo.orders().length, starship: starship.orders().length }).toEqual(before);
  });
});
