/**
 * `createBamboo` settings for a Bamboo sandbox at `baseUrl`: the sandbox's credentials, and no BAMBOO_*
 * environment fallbacks (a developer's own variables must not leak into a test).
 *
 * @example
 * const settings = bambooTestSettings(sandbox.url, { notificationSecret: 'callback-secret' });
 */
export function bambooTestSettings(baseUrl: string, extra: Record<string, unknown> = {}) {
  return {
    baseUrl,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    ...extra,
    env: {},
  };
}
