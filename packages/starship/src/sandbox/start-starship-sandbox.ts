import { createSandboxOrders, startSandboxServer, type VendorSandbox } from '@giftwire/sandbox-kit';
import { INTERNAL_ERROR_BODY, NOT_FOUND_BODY, UNAUTHORIZED_BODY } from './error-body';
import { resolveSandboxOptions, type StarshipSandboxOptions } from './resolve-sandbox-options';
import { type SandboxOrder, StarshipApi } from './starship-api';

/** How often due transitions are applied when no request arrives, so webhooks feel live. */
const TICK_MS = 20;

/** What `createStarship` needs to talk to a sandbox. */
export interface StarshipClientSettings {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  signRequests: boolean;
}

export interface StarshipSandbox extends VendorSandbox<StarshipClientSettings, SandboxOrder> {
  readonly vendor: 'starship';
  /** The wallet's balance as a decimal string. */
  balance(): string;
}

/**
 * Starts a local server that behaves like Starship Rewards' API on 127.0.0.1: orders (create with
 * `Idempotency-Key` replay, get, list), products, key/secret auth and optional request signatures, the
 * three rate limits answered 429 with `Retry-After`, a timed lifecycle, and signed webhooks.
 *
 * @example
 * const sandbox = await startStarshipSandbox({ scenario: { settleAfterMs: 50 } });
 * const starship = createStarship({ ...sandbox.clientSettings(), env: {} });
 * sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
 * await sandbox.close();
 */
export async function startStarshipSandbox(options: StarshipSandboxOptions = {}): Promise<StarshipSandbox> {
  const resolved = resolveSandboxOptions(options);
  const api = new StarshipApi(resolved);
  const server = await startSandboxServer({
    port: resolved.port,
    name: '[starship-sandbox]',
    trailingSlash: 'ignore',
    authorize: (req) =>
      req.headers['x-api-key'] === resolved.apiKey && req.headers['x-api-secret'] === resolved.apiSecret
        ? undefined
        : { status: 401, body: UNAUTHORIZED_BODY },
    replies: {
      notFound: { status: 404, body: NOT_FOUND_BODY },
      error: { status: 500, body: INTERNAL_ERROR_BODY },
      injected: (status) =>
        status >= 500
          ? INTERNAL_ERROR_BODY
          : { error: 'injected', message: `Injected fault: HTTP ${status}` },
    },
    routes: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        operation: 'placeOrder',
        readBody: true,
        handle: (request) => {
          const key = request.headers['idempotency-key'];
          const replayed = api.orderIdForKey(Array.isArray(key) ? key[0] : key);
          return api.guarded(
            request,
            'placeOrder',
            replayed === undefined ? undefined : String(replayed),
            () => api.create(request),
          );
        },
      },
      {
        method: 'GET',
        path: '/api/v1/orders/:id',
        operation: 'getOrder',
        handle: (request) => api.guarded(request, 'getOrder', request.params.id, () => api.get(request)),
      },
      {
        method: 'GET',
        path: '/api/v1/orders',
        operation: 'getOrder',
        handle: (request) => api.guarded(request, 'getOrder', undefined, () => api.list(request)),
      },
      {
        method: 'GET',
        path: '/api/v1/products',
        operation: 'listProducts',
        handle: (request) => api.guarded(request, 'listProducts', undefined, () => api.products(request)),
      },
    ],
  });

  const ticker = setInterval(() => api.advance(), TICK_MS);
  ticker.unref();

  let closed: Promise<void> | undefined;
  return {
    vendor: 'starship',
    url: server.url,
    close() {
      closed ??= (async () => {
        clearInterval(ticker);
        api.webhooks.close();
        await server.close();
      })();
      return closed;
    },
    faults: server.faults,
    get violations() {
      return api.violations;
    },
    calls: (operation) => server.calls(operation),
    orders: createSandboxOrders({
      before: () => api.advance(),
      list: () => api.all(),
      get: (ref) => api.byRef(ref),
      summarize: (order) => api.summarize(order),
    }),
    issuedSecrets(ref) {
      api.advance();
      return api.secrets.issued(ref);
    },
    async settle() {
      api.advance();
      await api.webhooks.idle();
    },
    clientSettings: () => ({
      baseUrl: server.url,
      apiKey: resolved.apiKey,
      apiSecret: resolved.apiSecret,
      webhookSecret: resolved.webhook?.secret ?? resolved.apiSecret,
      signRequests: resolved.requireSignature,
    }),
    balance: () => api.balance(),
  };
}
