// medusa-config for the restart test: a real `medusa start` process, started twice on one database. Every
// value comes from the environment the test sets. The giftwire provider is named by its package path, as a
// store configures it, so the boot-time registration must find it from the config alone.
import { bambooTestSettings } from '../../test/support/bamboo-test-settings';
import { testMedusaConfig } from '../../test/support/test-medusa-config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`integration-tests/restart: ${name} is not set`);
  return value;
}

const databaseUrl = required('DATABASE_URL');

module.exports = testMedusaConfig({
  databaseUrl,
  secret: 'restart-test',
  providers: [
    { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
    {
      resolve: '@giftwire/medusa/providers/giftwire',
      id: 'bamboo',
      options: {
        vendor: 'bamboo',
        settings: bambooTestSettings(required('GIFTWIRE_RESTART_BAMBOO_URL')),
        products: {
          'GC-BAMBOO-10': { productId: '439685', faceValue: { amount: '10', currency: 'USD' } },
        },
        encryption: { keys: { k1: required('GIFTWIRE_RESTART_KEY') }, activeKeyId: 'k1' },
        databaseUrl,
        schema: 'giftwire_restart_test',
        // Medusa's test payment provider only authorizes; this test is about restarts, not captures.
        placeOn: 'authorized',
      },
    },
  ],
});
