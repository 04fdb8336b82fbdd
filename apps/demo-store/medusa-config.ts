// The demo store's Medusa config. Every value comes from the environment the demo orchestrator
// (src/demo/start-demo.ts) sets: the database, generated secrets, the storefront origin, and each vendor
// sandbox's URL and webhook secret (a sandbox's URL is known only once it has started).
import { defineConfig } from '@medusajs/framework/utils';
import { providerProducts } from './src/catalog/demo-products';
import { vendorSettingsFromEnv } from './src/demo/vendor-settings';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`demo-store: ${name} is not set; start the store with \`pnpm demo\``);
  return value;
}

const databaseUrl = required('DATABASE_URL');
const storefrontUrl = process.env.GIFTWIRE_DEMO_STOREFRONT_URL;
const cors = process.env.GIFTWIRE_DEMO_CORS ?? 'http://127.0.0.1:8000';
const encryption = {
  keys: { [process.env.GIFTWIRE_ENCRYPTION_KEY_ID ?? 'demo-k1']: required('GIFTWIRE_ENCRYPTION_KEY') },
  activeKeyId: process.env.GIFTWIRE_ENCRYPTION_KEY_ID ?? 'demo-k1',
};

// ONE giftwire provider for all four vendor sandboxes (provider id `giftwire_digital`, webhooks at
// `/hooks/giftwire/digital/<vendor>`): a cart with cards of several vendors checks out with one "Digital
// delivery" option, and the plugin places one vendor order (one fulfillment) per vendor.
const giftwireProvider = {
  resolve: '@giftwire/medusa/providers/giftwire',
  id: 'digital',
  options: {
    // Each vendor's createX() settings, checked by that factory at boot.
    vendors: vendorSettingsFromEnv(process.env),
    // Variant SKU → { vendor, productId, faceValue }: which vendor fulfils each card.
    products: providerProducts(),
    encryption,
    databaseUrl,
    // The demo pays with Medusa's test provider (`pp_system_default`), which only authorizes and never
    // captures; nobody captures in the demo either. A real shop keeps the default (`captured`) and places the
    // vendor order when it captures, or uses `authorized` only with a provider that captures at once.
    placeOn: 'authorized' as const,
    // The "codes ready" notification links to the storefront's order page (never to the codes themselves).
    ...(storefrontUrl ? { codesUrl: `${storefrontUrl}/#/orders/{order_id}` } : {}),
  },
};

module.exports = defineConfig({
  projectConfig: {
    databaseUrl,
    http: {
      jwtSecret: required('GIFTWIRE_DEMO_JWT_SECRET'),
      cookieSecret: required('GIFTWIRE_DEMO_COOKIE_SECRET'),
      storeCors: cors,
      authCors: cors,
      adminCors: cors,
    },
  },
  // The admin (with the plugin's order widget) at /app; `medusa start` in development mode serves it through
  // Vite, so there is no build step. GIFTWIRE_DEMO_ADMIN=0 turns it off.
  admin: { disable: process.env.GIFTWIRE_DEMO_ADMIN === '0' },
  plugins: [{ resolve: '@giftwire/medusa', options: {} }],
  modules: [
    {
      resolve: '@medusajs/medusa/fulfillment',
      options: {
        providers: [{ resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' }, giftwireProvider],
      },
    },
    {
      // The plugin emails "your codes are ready" (a link, never the codes); locally that is a log line.
      resolve: '@medusajs/medusa/notification',
      options: {
        providers: [
          {
            resolve: '@medusajs/medusa/notification-local',
            id: 'local',
            options: { channels: ['email'] },
          },
        ],
      },
    },
  ],
});
