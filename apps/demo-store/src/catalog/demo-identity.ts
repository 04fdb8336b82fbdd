/** Names the seed creates and the orchestrator looks up: the seed is skipped when they exist. */
export const SALES_CHANNEL_NAME = 'Giftwire demo storefront';
export const PUBLISHABLE_KEY_TITLE = 'Giftwire demo storefront';

/** The storefront prefills this customer; a demo password, printed by `pnpm demo`. */
export const DEMO_CUSTOMER = {
  email: 'demo@giftwire.dev',
  password: 'giftwire-demo',
  firstName: 'Dana',
  lastName: 'Demo',
} as const;

/** The admin user the seed creates, to see the plugin's widget on an order page. */
export const DEMO_ADMIN = {
  email: 'admin@giftwire.dev',
  password: 'giftwire-admin',
} as const;
