import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Modules } from '@medusajs/framework/utils';
import { initModules } from '@medusajs/test-utils';
import { PROVIDER_DB } from '../../../../test/support/global-setup';

// Boots Medusa's fulfillment module the way an app does (module loader → provider loader → validateOptions),
// with the built provider resolved by its published path, and expects boot itself to fail.
const requireFromMedusa = createRequire(createRequire(import.meta.url).resolve('@medusajs/medusa'));
const FULFILLMENT_MODULE_DIR = dirname(dirname(requireFromMedusa.resolve('@medusajs/fulfillment')));
const DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${PROVIDER_DB}`;

const goodOptions = {
  vendor: 'bamboo',
  settings: { baseUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', accountId: 555, env: {} },
  products: { 'GC-10': { productId: '439685', faceValue: { amount: '10', currency: 'USD' } } },
  encryption: { keys: { k1: Buffer.alloc(32, 7).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: DB_URL,
};

function boot(options: Record<string, unknown>) {
  return initModules({
    databaseConfig: { clientUrl: DB_URL },
    modulesConfig: {
      [Modules.FULFILLMENT]: {
        resolve: FULFILLMENT_MODULE_DIR,
        options: {
          providers: [{ resolve: '@giftwire/medusa/providers/giftwire', id: 'bamboo', options }],
        },
      },
    },
    preventConnectionDestroyWarning: true,
  });
}

describe('booting with a bad giftwire option', () => {
  it.each([
    [
      'a float face value',
      { products: { 'GC-10': { productId: '439685', faceValue: { amount: 10, currency: 'USD' } } } },
      /giftwire provider option "products\.GC-10\.faceValue\.amount" must be a decimal string/,
    ],
    [
      'missing vendor credentials',
      { settings: { baseUrl: 'http://127.0.0.1:9', accountId: 555, env: {} } },
      /giftwire provider option "settings" is invalid for bamboo: .*clientId/,
    ],
    [
      'an unknown vendor',
      { vendor: 'acme' },
      /giftwire provider option "vendor": must be one of bamboo, starship, budgetree, gifthub/,
    ],
    [
      // @giftwire/starship is installed here; one that is not is provider-options.test.ts's case.
      'a Starship provider whose settings its own factory refuses',
      { vendor: 'starship', settings: {} },
      /giftwire provider option "settings" is invalid for starship: .*apiKey.*STARSHIP_API_KEY/,
    ],
    [
      'a zero face value',
      { products: { 'GC-10': { productId: '439685', faceValue: { amount: '0', currency: 'USD' } } } },
      /giftwire provider option "products\.GC-10\.faceValue\.amount" must be greater than zero/,
    ],
    [
      'a face value with a leading zero',
      { products: { 'GC-10': { productId: '439685', faceValue: { amount: '010', currency: 'USD' } } } },
      /giftwire provider option "products\.GC-10\.faceValue\.amount" must be a decimal string/,
    ],
  ])('fails boot on %s, naming the option', async (_case, patch, message) => {
    await expect(boot({ ...goodOptions, ...patch })).rejects.toThrow(message);
  });

  it('boots with good options (the failures above are the options, not the harness)', async () => {
    const { medusaApp, shutdown } = await boot(goodOptions);
    try {
      const fulfillment = medusaApp.modules[Modules.FULFILLMENT];
      expect(fulfillment).toBeDefined();
    } finally {
      await shutdown();
    }
  });
});
