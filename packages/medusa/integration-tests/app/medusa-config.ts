// medusa-config for the app-level test. medusaIntegrationTestRunner loads it with Node's `require` (the
// `tsx/cjs` hook in test/support/setup.ts) and overrides databaseUrl with the runner's own database.
// The fulfillment providers are handed over by the test file through globalThis, as objects: the provider
// module must be the same instance the test imports (so `closeEngines()` closes the engine the app opened),
// and its options carry the Bamboo sandbox URL, known only once the sandbox has started.
import { defineConfig } from '@medusajs/framework/utils';

const providers = (globalThis as { __giftwireAppTestProviders?: unknown[] }).__giftwireAppTestProviders;
if (!providers) throw new Error('integration-tests/app: set globalThis.__giftwireAppTestProviders first');

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      jwtSecret: 'test-jwt-secret',
      cookieSecret: 'test-cookie-secret',
      storeCors: '*',
      adminCors: '*',
      authCors: '*',
    },
  },
  admin: { disable: true },
  // The built plugin, as a store installs it: its subscriber, job, routes, vault module and link load from
  // `.medusa/server/src` (turbo builds it before the tests run).
  plugins: [{ resolve: '@giftwire/medusa', options: {} }],
  modules: [
    {
      resolve: '@medusajs/medusa/fulfillment',
      options: { providers },
    },
    {
      resolve: '@medusajs/medusa/notification',
      options: {
        providers: [
          { resolve: '@medusajs/medusa/notification-local', id: 'local', options: { channels: ['email'] } },
        ],
      },
    },
  ],
});
