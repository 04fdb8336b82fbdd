// medusa-config for the app-level test. medusaIntegrationTestRunner loads it with Node's `require` (the
// `tsx/cjs` hook in test/support/setup.ts) and overrides databaseUrl with the runner's own database.
// The fulfillment providers are handed over by the test file through globalThis, as objects: the provider
// module must be the same instance the test imports (so `closeEngines()` closes the engine the app opened),
// and its options carry the Bamboo sandbox URL, known only once the sandbox has started.
import { testMedusaConfig } from '../../test/support/test-medusa-config';

const providers = (globalThis as { __giftwireAppTestProviders?: unknown[] }).__giftwireAppTestProviders;
if (!providers) throw new Error('integration-tests/app: set globalThis.__giftwireAppTestProviders first');

module.exports = testMedusaConfig({ databaseUrl: process.env.DATABASE_URL, secret: 'test', providers });
