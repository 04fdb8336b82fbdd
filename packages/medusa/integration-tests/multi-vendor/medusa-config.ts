// medusa-config for the multi-vendor app test: one giftwire registration (`digital`) over all four vendors'
// sandboxes. As in integration-tests/app, the providers come from the test file through globalThis, as objects
// (the same provider module instance as the test's, and the sandbox URLs known only once they started).
import { testMedusaConfig } from '../../test/support/test-medusa-config';

const providers = (globalThis as { __giftwireMultiVendorTestProviders?: unknown[] })
  .__giftwireMultiVendorTestProviders;
if (!providers)
  throw new Error('integration-tests/multi-vendor: set globalThis.__giftwireMultiVendorTestProviders first');

module.exports = testMedusaConfig({ databaseUrl: process.env.DATABASE_URL, secret: 'multi', providers });
