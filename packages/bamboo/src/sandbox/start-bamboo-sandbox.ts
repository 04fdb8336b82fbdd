import type { VendorOperation } from '@giftwire/core';
import {
  checkBasicAuth,
  createSandboxOrders,
  type SandboxFault,
  type SandboxFaultOptions,
  startSandboxServer,
  type VendorSandbox,
} from '@giftwire/sandbox-kit';
import { BambooApi, type Violation } from './bamboo-api';
import type { BambooClientSettings } from './bamboo-client-settings';
import { bambooRoutes } from './bamboo-routes';
import type { NotificationSettings } from './notifier';
import { type BambooSandboxOptions, resolveSandboxOptions } from './resolve-sandbox-options';
import { type SandboxOrder, toOrderSummary, toSandboxOrder } from './to-sandbox-order';

/** How often due transitions are applied when no request arrives; short enough for callbacks to feel live. */
const TICK_MS = 20;

/** @deprecated Use {@link SandboxFault}. */
export type Fault = SandboxFault;

/** @deprecated Name the core operation instead: `{ operation: 'listProducts' }`. */
export type FaultRoute = 'placeOrder' | 'getOrder' | 'catalog' | 'accounts' | 'any';

export interface FaultOptions extends SandboxFaultOptions {
  /** @deprecated Use `operation` (`catalog` is `listProducts`, `accounts` is `getBalance`). */
  route?: FaultRoute;
}

const ROUTE_OPERATIONS: Record<FaultRoute, VendorOperation> = {
  placeOrder: 'placeOrder',
  getOrder: 'getOrder',
  catalog: 'listProducts',
  accounts: 'getBalance',
  any: 'any',
};

export interface BambooSandbox extends VendorSandbox<BambooClientSettings, SandboxOrder> {
  readonly vendor: 'bamboo';
  /** Takes `{ operation }`, or the deprecated `{ route }`. */
  readonly faults: { next(fault: SandboxFault, options?: FaultOptions): void; clear(): void };
  /** Rate-rule breaches, each answered 429, in the kit's words plus Bamboo's `kind`, `requestId`, `productId`. */
  readonly violations: readonly Violation[];
  /** @deprecated `calls('placeOrder')`: every authenticated POST to checkout, faults included. */
  readonly placeOrderCalls: number;
  /** Merges into the callback settings, like POST /notification but leaving unnamed fields alone. */
  setNotification(settings: Partial<NotificationSettings>): void;
  /** Current balance as a decimal string. */
  balance(accountId: number): string;
}

/**
 * Starts a local server that behaves like Bamboo Card's integration API, on 127.0.0.1.
 *
 * @example
 * const sandbox = await startBambooSandbox({ timeScale: 0.05 });
 * const bamboo = createBamboo({ ...sandbox.clientSettings(), limits: scaleLimits(BAMBOO_LIMITS, 0.05) });
 * sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
 * await sandbox.close();
 */
export async function startBambooSandbox(options: BambooSandboxOptions = {}): Promise<BambooSandbox> {
  const resolved = resolveSandboxOptions(options);
  const api = new BambooApi(resolved);
  const server = await startSandboxServer({
    port: resolved.port,
    routes: bambooRoutes(api),
    // ASP.NET routes match case-insensitively and ignore a trailing slash; so does the sandbox.
    caseSensitive: false,
    trailingSlash: 'ignore',
    authorize: (req) =>
      checkBasicAuth(req.headers.authorization, resolved.clientId, resolved.clientSecret)
        ? undefined
        : { status: 401, body: { message: 'Unauthorized' }, headers: { 'www-authenticate': 'Basic' } },
    name: '[bamboo-sandbox]',
  });

  const ticker = setInterval(() => api.advance(), TICK_MS);
  ticker.unref();

  const account = resolved.accounts.find(
    (a) => (a.isActive ?? true) && (a.sandboxMode ?? true) === (resolved.environment === 'sandbox'),
  );
  let closed: Promise<void> | undefined;
  return {
    vendor: 'bamboo',
    url: server.url,
    close() {
      closed ??= (async () => {
        clearInterval(ticker);
        api.notifier.close();
        await server.close();
      })();
      return closed;
    },
    orders: createSandboxOrders({
      before: () => api.advance(),
      list: () => Array.from(api.lifecycle.all(), toSandboxOrder),
      get: (requestId) => {
        const order = api.lifecycle.get(requestId);
        return order && toSandboxOrder(order);
      },
      summarize: toOrderSummary,
    }),
    calls: (operation) => server.calls(operation),
    get placeOrderCalls() {
      return server.calls('placeOrder');
    },
    get violations() {
      return api.violations;
    },
    setNotification(settings) {
      api.notifier.update(settings);
    },
    faults: {
      next(fault, faultOptions = {}) {
        const { route, ...rest } = faultOptions;
        const operation = rest.operation ?? (route === undefined ? undefined : ROUTE_OPERATIONS[route]);
        server.faults.next(fault, { ...rest, ...(operation && { operation }) });
      },
      clear: () => server.faults.clear(),
    },
    async settle() {
      api.advance();
      await api.notifier.idle();
    },
    issuedSecrets(requestId) {
      api.advance();
      return api.lifecycle.issuedSecrets(requestId);
    },
    clientSettings() {
      const settings: BambooClientSettings = {
        baseUrl: server.url,
        clientId: resolved.clientId,
        clientSecret: resolved.clientSecret,
        accountId: account?.id ?? 555,
      };
      if (resolved.notification.secretKey !== null)
        settings.notificationSecret = resolved.notification.secretKey;
      return settings;
    },
    balance(accountId) {
      return api.ledger.wallet.balanceOf(accountId);
    },
  };
}
