// The settings each vendor client gets in the demo, in one place for both adapters: the Express side builds
// its adapters from them in-process, and medusa-config.ts passes them to the giftwire provider (Medusa runs in
// its own process, so the sandbox URLs and webhook secrets reach it through the environment).
import type { BambooSettings } from '@giftwire/bamboo';
import type { BudgetreeSettings } from '@giftwire/budgetree';
import type { GiftHubSettings } from '@giftwire/gifthub';
import type { StarshipSettings } from '@giftwire/starship';
import type { DemoVendor } from '../catalog/demo-products';

/**
 * The sandboxes' credentials. They guard nothing (a local sandbox), so they are constants both the sandbox
 * and the clients read, rather than secrets in `.data/secrets.json`.
 */
export const SANDBOX_CREDENTIALS = {
  bamboo: { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', accountId: 555 },
  starship: { apiKey: 'sk_test_giftwire_demo', apiSecret: 'giftwire-demo-api-secret' },
  budgetree: {
    clientId: 'giftwire-demo',
    clientSecret: 'giftwire-demo-client-secret',
    username: 'giftwire-demo-user',
    password: 'giftwire-demo-password',
  },
  gifthub: { apiKey: 'giftwire-demo-api-key' },
} as const;

export type DemoSandboxUrls = Record<DemoVendor, string>;

/** The secrets webhooks are signed or carried with (Budgetree sends none). */
export interface DemoWebhookSecrets {
  /** Bamboo's notification callback (to Medusa). */
  bambooNotification: string;
  /** Bamboo's Svix-signed deliveries (to the Express side). */
  bambooSvix: string;
  starship: string;
  gifthub: string;
}

export interface DemoVendorSettings {
  bamboo: BambooSettings;
  starship: StarshipSettings;
  budgetree: BudgetreeSettings;
  gifthub: GiftHubSettings;
}

/**
 * Every vendor client's settings against the demo's sandboxes. `env: {}`: the sandbox settings are complete,
 * so a developer's own BAMBOO_*, STARSHIP_* … variables must not leak in.
 *
 * @example
 * const settings = demoVendorSettings(urls, secrets);
 * createStarship(settings.starship);
 */
export function demoVendorSettings(urls: DemoSandboxUrls, secrets: DemoWebhookSecrets): DemoVendorSettings {
  return {
    bamboo: {
      ...SANDBOX_CREDENTIALS.bamboo,
      baseUrl: urls.bamboo,
      notificationSecret: secrets.bambooNotification,
      webhookSecret: secrets.bambooSvix,
      env: {},
    },
    starship: {
      ...SANDBOX_CREDENTIALS.starship,
      baseUrl: urls.starship,
      webhookSecret: secrets.starship,
      // The demo's products settle in seconds: follow them on Starship's quickest published schedule, not
      // the 10-minute one for products of unknown speed.
      speed: 'fast',
      env: {},
    },
    budgetree: {
      ...SANDBOX_CREDENTIALS.budgetree,
      baseUrl: urls.budgetree,
      // The shop sells USD cards; Budgetree's default currency is INR.
      currency: 'USD',
      env: {},
    },
    gifthub: {
      ...SANDBOX_CREDENTIALS.gifthub,
      baseUrl: urls.gifthub,
      webhookSecret: secrets.gifthub,
      env: {},
    },
  };
}

/** Medusa's environment names for the sandbox URLs and webhook secrets (read back by medusa-config.ts). */
export function vendorEnv(urls: DemoSandboxUrls, secrets: DemoWebhookSecrets): Record<string, string> {
  return {
    GIFTWIRE_DEMO_BAMBOO_URL: urls.bamboo,
    GIFTWIRE_DEMO_STARSHIP_URL: urls.starship,
    GIFTWIRE_DEMO_BUDGETREE_URL: urls.budgetree,
    GIFTWIRE_DEMO_GIFTHUB_URL: urls.gifthub,
    GIFTWIRE_DEMO_BAMBOO_NOTIFICATION_SECRET: secrets.bambooNotification,
    GIFTWIRE_DEMO_BAMBOO_WEBHOOK_SECRET: secrets.bambooSvix,
    GIFTWIRE_DEMO_STARSHIP_WEBHOOK_SECRET: secrets.starship,
    GIFTWIRE_DEMO_GIFTHUB_WEBHOOK_SECRET: secrets.gifthub,
  };
}

/** The inverse of {@link vendorEnv}: every name must be set (the orchestrator sets them all). */
export function vendorSettingsFromEnv(env: NodeJS.ProcessEnv): DemoVendorSettings {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`demo-store: ${name} is not set; start the store with \`pnpm demo\``);
    return value;
  };
  return demoVendorSettings(
    {
      bamboo: required('GIFTWIRE_DEMO_BAMBOO_URL'),
      starship: required('GIFTWIRE_DEMO_STARSHIP_URL'),
      budgetree: required('GIFTWIRE_DEMO_BUDGETREE_URL'),
      gifthub: required('GIFTWIRE_DEMO_GIFTHUB_URL'),
    },
    {
      bambooNotification: required('GIFTWIRE_DEMO_BAMBOO_NOTIFICATION_SECRET'),
      bambooSvix: required('GIFTWIRE_DEMO_BAMBOO_WEBHOOK_SECRET'),
      starship: required('GIFTWIRE_DEMO_STARSHIP_WEBHOOK_SECRET'),
      gifthub: required('GIFTWIRE_DEMO_GIFTHUB_WEBHOOK_SECRET'),
    },
  );
}
