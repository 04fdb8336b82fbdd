// The medusa-config both booted-app tests share: admin off, the built plugin (its subscriber, job, routes,
// vault module and link load from `.medusa/server/src`, as a store installs it), the given fulfillment
// providers, and notification-local on the `email` channel.
import type { ConfigModule } from '@medusajs/framework/types';
import { defineConfig } from '@medusajs/framework/utils';

/**
 * @example
 * module.exports = testMedusaConfig({ databaseUrl, secret: 'app-test', providers });
 */
export function testMedusaConfig(input: {
  databaseUrl: string | undefined;
  /** Prefix of the JWT and cookie secrets. */
  secret: string;
  providers: unknown[];
}): ConfigModule {
  return defineConfig({
    projectConfig: {
      databaseUrl: input.databaseUrl,
      http: {
        jwtSecret: `${input.secret}-jwt-secret`,
        cookieSecret: `${input.secret}-cookie-secret`,
        storeCors: '*',
        adminCors: '*',
        authCors: '*',
      },
    },
    admin: { disable: true },
    plugins: [{ resolve: '@giftwire/medusa', options: {} }],
    modules: [
      { resolve: '@medusajs/medusa/fulfillment', options: { providers: input.providers } },
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
}
