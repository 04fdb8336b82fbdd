// medusa-config of the proof suite's Medusa shop: a real `medusa start` process (proof/src/medusa). Every value
// comes from the environment start-medusa-shop.ts sets: the database, the secrets, and the one giftwire
// registration (`digital`) with all four sandboxes' settings, which are known only once the sandboxes started.
import { testMedusaConfig } from '../../packages/medusa/test/support/test-medusa-config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`proof/medusa-app: ${name} is not set (start it through proof/src/medusa)`);
  return value;
}

const databaseUrl = required('DATABASE_URL');

module.exports = testMedusaConfig({
  databaseUrl,
  secret: required('PROOF_MEDUSA_SECRET'),
  providers: [
    { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
    {
      resolve: '@giftwire/medusa/providers/giftwire',
      id: 'digital',
      // vendors, products, encryption and linkSecret, as JSON (see medusa-provider-options.ts).
      options: { ...JSON.parse(required('PROOF_MEDUSA_PROVIDER')), databaseUrl },
    },
  ],
});
