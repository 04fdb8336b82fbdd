import {
  createSandboxOrders,
  type SandboxClock,
  type SandboxOrderSummary,
  type SandboxReply,
  type SandboxRequest,
  type SandboxRoute,
  startSandboxServer,
  type VendorSandbox,
} from '@giftwire/sandbox-kit';
import { BudgetreeApi, type SandboxOrder, type SandboxOutcome } from './budgetree-api';
import { type SandboxProduct, sandboxCatalog } from './sandbox-catalog';

/** What `createBudgetree` needs to talk to a sandbox. */
export interface BudgetreeClientSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface BudgetreeSandboxOptions {
  /** Default 0: a free port on 127.0.0.1. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** The sandbox clock (default `Date.now`); a fake one makes every step deterministic. */
  clock?: SandboxClock;
  /**
   * Multiplies the default durations below and the cancel window (default 1): 0.05 runs Budgetree's
   * two-minute window in six seconds. Durations you pass are used as given.
   */
  timeScale?: number;
  /** How long a token works (default 7 days × timeScale). */
  tokenTtlMs?: number;
  /** How far `dateAtClient` may be from the sandbox clock (default 5 minutes). */
  maxClockSkewMs?: number;
  scenario?: {
    /** PENDING → PROCESSING after this (default 500 ms × timeScale). */
    processingAfterMs?: number;
    /** → COMPLETE (or CANCELED) after this (default 2 s × timeScale). */
    completeAfterMs?: number | (() => number);
    /** A reversal takes this long to cancel the order (default 1 s × timeScale). */
    reversalAfterMs?: number;
    /** `cancel.allowedWithIn` (default 2, the page's example); 0 refuses every reversal (10467). */
    cancelWindowMinutes?: number;
    /** Per refno: `complete` (default), `never` (stays PROCESSING: the deadline path), `canceled`. */
    outcome?: SandboxOutcome | ((refno: string) => SandboxOutcome);
  };
  catalog?: readonly SandboxProduct[];
}

export interface BudgetreeSandbox extends VendorSandbox<BudgetreeClientSettings, SandboxOrder> {
  readonly vendor: 'budgetree';
  /** OAuth verify calls so far: one per token bought. */
  readonly verifyCalls: number;
  /**
   * Activated-cards requests so far. `calls('getOrder')` counts them too (reading an order is the status call
   * plus, once COMPLETE, its cards); they are delivery, not status reads, so a count of status calls
   * subtracts them.
   */
  readonly cardsCalls: number;
  /** Requests refused 401 (token, signature or stale `dateAtClient`) so far. */
  readonly unauthorizedCalls: number;
  /** Every OAuth token issued so far, for leak scans: a bearer token is a credential. */
  issuedTokens(): string[];
  /**
   * Every card's activation code issued so far, for leak scans (`issuedSecrets()` holds card numbers, PINs
   * and activation URLs, in the kit's shared words).
   */
  issuedActivationCodes(): string[];
  /** Every token stops working (the next call gets 401). */
  expireTokens(): void;
  /** The next `times` requests (default 1) get the firewall's HTML 403 page instead of the API. */
  blockNext(times?: number): void;
}

/** How often due steps are applied when no request arrives. */
const TICK_MS = 20;

/**
 * Starts a local server that behaves like Budgetree's REST v3 API (Woohoo style) on 127.0.0.1: OAuth with
 * expiring tokens, signed requests, create (sync and async), status by refno, paged activated cards,
 * reversal inside the cancel window, and every fault of the kit.
 *
 * @example
 * const sandbox = await startBudgetreeSandbox({ timeScale: 0.05 });
 * const budgetree = createBudgetree({ ...sandbox.clientSettings(), limits: scaleLimits(BUDGETREE_LIMITS, 0.05) });
 * sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
 * await sandbox.close();
 */
export async function startBudgetreeSandbox(
  options: BudgetreeSandboxOptions = {},
): Promise<BudgetreeSandbox> {
  const scale = options.timeScale ?? 1;
  const scenario = options.scenario ?? {};
  const outcome = scenario.outcome ?? 'complete';
  const minutes = scenario.cancelWindowMinutes ?? 2;
  const api = new BudgetreeApi({
    clientId: options.clientId ?? 'sandbox-client',
    clientSecret: options.clientSecret ?? 'sandbox-client-secret',
    username: options.username ?? 'sandbox-user',
    password: options.password ?? 'sandbox-password',
    clock: options.clock ?? { now: () => Date.now() },
    tokenTtlMs: options.tokenTtlMs ?? 7 * 86_400_000 * scale,
    maxClockSkewMs: options.maxClockSkewMs ?? 5 * 60_000,
    processingAfterMs: scenario.processingAfterMs ?? 500 * scale,
    completeAfterMs: scenario.completeAfterMs ?? 2_000 * scale,
    reversalAfterMs: scenario.reversalAfterMs ?? 1_000 * scale,
    cancelWindowMs: minutes * 60_000 * scale,
    cancelWindowMinutes: minutes,
    outcome: typeof outcome === 'function' ? outcome : () => outcome,
    catalog: options.catalog ?? sandboxCatalog,
  });

  let cardsCalls = 0;
  const signed =
    (handle: (req: SandboxRequest) => SandboxReply) =>
    (req: SandboxRequest): SandboxReply =>
      api.checkSigned(req) ?? handle(req);
  const routes: SandboxRoute[] = [
    { method: 'POST', path: '/oauth2/verify', readBody: true, handle: ({ body }) => api.verify(body) },
    { method: 'POST', path: '/oauth2/token', readBody: true, handle: ({ body }) => api.token(body) },
    {
      method: 'POST',
      path: '/rest/v3/orders',
      operation: 'placeOrder',
      readBody: true,
      handle: signed(({ body }) => api.create(body)),
    },
    {
      method: 'POST',
      path: '/rest/v3/orders/reverse',
      operation: 'cancelOrder',
      readBody: true,
      handle: signed(({ body }) => api.reverse(body)),
    },
    {
      method: 'GET',
      path: '/rest/v3/orders/:refno',
      operation: 'getOrder',
      handle: signed(({ params }) => api.status(params.refno!)),
    },
    {
      // The second half of reading an order: the same operation as the status call.
      method: 'GET',
      path: '/rest/v3/order/:orderId/cards',
      operation: 'getOrder',
      handle: (req) => {
        cardsCalls++;
        return signed(({ params, url }) => api.cards(params.orderId!, url.searchParams))(req);
      },
    },
  ];
  const server = await startSandboxServer({
    port: options.port,
    routes,
    authorize: (req) =>
      api.authorize(new URL(req.url ?? '/', 'http://x').pathname, req.headers.authorization),
    replies: {
      notFound: { status: 404, body: { code: 404, message: 'Not found', messages: [] } },
      injected: (status) => ({ code: status, message: `Injected fault: HTTP ${status}`, messages: [] }),
    },
    name: '[budgetree-sandbox]',
  });
  api.timeline.startTicking(TICK_MS);

  let closed: Promise<void> | undefined;
  return {
    vendor: 'budgetree',
    url: server.url,
    close() {
      closed ??= (async () => {
        api.timeline.stopTicking();
        await server.close();
      })();
      return closed;
    },
    faults: server.faults,
    violations: [],
    calls: (operation) => server.calls(operation),
    orders: createSandboxOrders({
      before: () => api.advance(),
      list: () => [...api.orders.values()],
      get: (refno) => api.orders.get(refno.toLowerCase()),
      summarize: summarize,
    }),
    issuedSecrets(refno) {
      api.advance();
      return api.secrets.issued(refno);
    },
    async settle() {
      api.advance();
    },
    clientSettings: () => ({
      baseUrl: server.url,
      clientId: api.options.clientId,
      clientSecret: api.options.clientSecret,
      username: api.options.username,
      password: api.options.password,
    }),
    get verifyCalls() {
      return api.verifyCalls;
    },
    get cardsCalls() {
      return cardsCalls;
    },
    get unauthorizedCalls() {
      return api.unauthorized;
    },
    expireTokens: () => api.expireTokens(),
    issuedTokens: () => [...api.issuedTokens],
    issuedActivationCodes: () => {
      api.advance();
      return [...api.orders.values()].flatMap((o) => o.cards.map((c) => c.activationCode));
    },
    blockNext: (times = 1) => api.blockNext(times),
  };
}

function summarize(order: SandboxOrder): SandboxOrderSummary {
  return {
    id: order.orderId,
    reference: order.refno,
    status: order.status,
    final: order.status === 'COMPLETE' || order.status === 'CANCELED',
    cardsRequested: order.cardsRequested,
    cardsIssued: order.status === 'COMPLETE' ? order.cards.length : 0,
    charged: order.charged === null ? null : { amount: order.charged, currency: order.currency },
  };
}
