import type { Money } from '@giftwire/core';
import {
  createSandboxOrders,
  type IssuedSecrets,
  type RateViolation,
  type SandboxOrderSummary,
  startSandboxServer,
  type VendorSandbox,
} from '@giftwire/sandbox-kit';
import { GiftHubApi, type SandboxOrder } from './gifthub-api';
import type { GiftHubSandboxOptions } from './gifthub-sandbox-options';

/** How often due transitions are applied when no request arrives, so webhooks feel live. */
const TICK_MS = 20;

/** What `createGiftHub` needs to talk to the sandbox (kept here: the sandbox never imports the client). */
export interface GiftHubClientSettings {
  baseUrl: string;
  apiKey: string;
  webhookSecret?: string;
}

export interface GiftHubSandbox extends VendorSandbox<GiftHubClientSettings, SandboxOrder> {
  readonly vendor: 'gifthub';
  /** The wallet's balance as a decimal string. */
  balance(): string;
  /** Orders that hold a charge (confirmed, net of refunds above zero), under `reference` or all. */
  chargedOrders(reference?: string): SandboxOrder[];
}

function summarize(api: GiftHubApi, order: SandboxOrder): SandboxOrderSummary {
  const charged: Money | null =
    order.charged === null ? null : { amount: order.charged.toFixed(), currency: api.walletCurrency };
  return {
    id: order.uid,
    reference: order.reference,
    status: order.expired ? 'rejected' : order.state,
    final: api.isFinal(order),
    cardsRequested: order.lines.reduce((n, l) => n + l.quantity, 0),
    cardsIssued: order.lines.reduce((n, l) => n + l.cards.length, 0),
    charged,
  };
}

/**
 * Starts a local server that behaves like GiftHub, on 127.0.0.1: create, confirm and Retrieve Order, created
 * orders that expire (419 on a late confirm), an EUR wallet charged through the page's FX invoice, the
 * catalog, webhooks after a confirm, and every fault of the kit.
 *
 * @example
 * const sandbox = await startGiftHubSandbox({ scenario: { outcome: 'partial' } });
 * const gifthub = createGiftHub(sandbox.clientSettings());
 * sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' }); // the create's answer is lost
 * await sandbox.close();
 */
export async function startGiftHubSandbox(options: GiftHubSandboxOptions = {}): Promise<GiftHubSandbox> {
  const api = new GiftHubApi(options);
  const apiKey = options.apiKey ?? 'sandbox-api-key';
  const keyHeader = (options.apiKeyHeader ?? 'x-api-key').toLowerCase();
  const server = await startSandboxServer({
    port: options.port,
    routes: [
      // Create is a placement; confirm is its second step, which only `any` faults hit, so that `calls`
      // counts one placement per order and a test aims at the confirm by timing an `any` fault.
      {
        method: 'POST',
        path: '/order/create',
        operation: 'placeOrder',
        readBody: true,
        handle: (r) => api.create(r),
      },
      { method: 'PUT', path: '/order/confirm', readBody: true, handle: (r) => api.confirm(r) },
      { method: 'GET', path: '/order/get', operation: 'getOrder', handle: (r) => api.get(r) },
      { method: 'GET', path: '/shop/products', operation: 'listProducts', handle: (r) => api.products(r) },
    ],
    authorize: (req) =>
      req.headers[keyHeader] === apiKey ? undefined : { status: 401, body: { message: 'Unauthorized' } },
    name: '[gifthub-sandbox]',
  });
  api.timeline.startTicking(TICK_MS);
  const violations: RateViolation[] = [];

  let closed: Promise<void> | undefined;
  return {
    vendor: 'gifthub',
    url: server.url,
    close() {
      closed ??= (async () => {
        api.timeline.stopTicking();
        api.webhooks.close();
        await server.close();
      })();
      return closed;
    },
    faults: server.faults,
    // GiftHub publishes no rate numbers, so the sandbox enforces none (a 429 comes only as a fault).
    violations,
    calls: (operation) => server.calls(operation),
    orders: createSandboxOrders({
      before: () => api.advance(),
      list: () => [...api.orders],
      get: (reference) => api.byReference(reference),
      summarize: (order) => summarize(api, order),
    }),
    issuedSecrets(reference?: string): IssuedSecrets {
      api.advance();
      return api.secrets.issued(reference);
    },
    async settle() {
      api.advance();
      await api.webhooks.idle();
    },
    clientSettings() {
      const settings: GiftHubClientSettings = { baseUrl: server.url, apiKey };
      if (options.webhook) settings.webhookSecret = options.webhook.secret;
      return settings;
    },
    balance: () => api.wallet.balanceOf('wallet'),
    chargedOrders(reference) {
      api.advance();
      return api.orders.filter(
        (o) =>
          o.charged?.gt(0) === true &&
          (reference === undefined || o.reference.toLowerCase() === reference.toLowerCase()),
      );
    },
  };
}
