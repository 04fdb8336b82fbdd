import type { OrderDeliveries } from '../../../packages/medusa/src/lib/order-deliveries';
import { checkout, type StoreHttp, signUp } from '../../../packages/medusa/test/support/store-api';
import { recordedFetch } from '../shop/recorded-fetch';
import type { RecordedAnswer, ShopAnswer } from '../shop/shop-client';
import type { MedusaStore } from './start-medusa-shop';

/** A customer of the Medusa shop: their id and bearer token. */
export interface MedusaCustomer {
  readonly id: string;
  readonly token: string;
}

interface CallInit {
  method?: string;
  body?: unknown;
  token?: string;
  /** Send the store's publishable key (default yes; a store route without it answers 400). */
  publishable?: boolean;
  /** Exactly these headers and bytes (generated bad input). */
  raw?: { headers: Record<string, string>; body?: Buffer };
  /** The answer may rightly carry this order's codes when it is 2xx: a read by the order's owner. */
  revealedTo?: (body: unknown) => string | undefined;
}

/**
 * The Medusa shop's HTTP API as a storefront and its staff call it. Every answer is kept (`recorded`, the
 * Express client's type) for the leak audit; a refused connection (the process was killed) answers status 0.
 * Signing up and checking out reuse the plugin tests' own store-API steps, over fetch.
 *
 * @example
 * const client = medusaClient(medusa.url, medusa.store);
 * const buyer = await client.signUp('buyer@example.com');
 * const orderId = await client.checkout(buyer, medusa.store.variants.bamboo!, 1);
 */
export function medusaClient(base: string, store: MedusaStore) {
  const recorded: RecordedAnswer[] = [];
  const call = async <T>(path: string, init: CallInit = {}): Promise<ShopAnswer<T> & { text: string }> => {
    const headers: Record<string, string> = { ...init.raw?.headers };
    if (!init.raw && init.publishable !== false) headers['x-publishable-api-key'] = store.publishableKey;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return recordedFetch<T>(recorded, `${base}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.raw ? init.raw.body : init.body === undefined ? undefined : JSON.stringify(init.body),
      ...(init.revealedTo ? { revealedTo: init.revealedTo } : {}),
    });
  };
  // What the store-API steps call: `{ data }`, or a throw on a non-2xx answer, as axios does.
  const asAxios: StoreHttp = { post: (path, body, config) => send(path, 'POST', body, config) };
  const send = async (
    path: string,
    method: string,
    body: unknown,
    config?: { headers?: Record<string, string> },
  ) => {
    const token = config?.headers?.authorization?.replace(/^Bearer /, '');
    const answer = await call<unknown>(path, { method, body, ...(token ? { token } : {}) });
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(`${method} ${path.split('/').slice(0, 3).join('/')}… answered ${answer.status}`);
    return { data: answer.body };
  };
  const refs = {
    publishableKey: store.publishableKey,
    region: { id: store.regionId },
    salesChannel: { id: store.salesChannelId },
  };
  return {
    recorded,
    call,
    async signUp(email: string): Promise<MedusaCustomer> {
      const { id, headers } = await signUp(asAxios, refs, email);
      return { id, token: headers.authorization!.replace(/^Bearer /, '') };
    },
    /** A cart of `quantity` cards of one variant, the digital delivery option, the test payment, complete. */
    async checkout(customer: MedusaCustomer, variantId: string, quantity: number): Promise<string> {
      const auth = { headers: { authorization: `Bearer ${customer.token}` } };
      const order = await checkout(
        asAxios,
        refs,
        auth,
        [{ variant_id: variantId, quantity }],
        store.shippingOptionId,
      );
      return order.id;
    },
    /**
     * `GET /store/giftwire/orders/:id/codes` as `customer` (none: no bearer token). Only a read by the owner
     * (`owner`) may carry the order's codes; any other 2xx answer is scanned as a leak.
     */
    codes(orderId: string, customer: MedusaCustomer | undefined, owner = false) {
      return call<CodesView>(`/store/giftwire/orders/${encodeURIComponent(orderId)}/codes`, {
        ...(customer ? { token: customer.token } : {}),
        ...(owner
          ? { revealedTo: (body) => (body as CodesView | undefined)?.deliveries?.[0]?.reference }
          : {}),
      });
    },
    /** `GET /admin/giftwire/orders/:id` with a staff token: the engine's record (charge, attention). */
    adminOrder(orderId: string, token: string) {
      return call<AdminOrderView>(`/admin/giftwire/orders/${encodeURIComponent(orderId)}`, {
        token,
        publishable: false,
      });
    },
    /**
     * Any request, exactly as given (bad input, access attempts). `revealedTo`: the request is made as the
     * owner of that reference's order, so its 2xx answer may carry that order's codes (and nothing else).
     */
    raw(method: string, path: string, headers: Record<string, string>, body?: Buffer, revealedTo?: string) {
      return call<unknown>(path, {
        method,
        raw: { headers, ...(body ? { body } : {}) },
        ...(revealedTo ? { revealedTo: () => revealedTo } : {}),
      });
    },
  };
}

export type MedusaClient = ReturnType<typeof medusaClient>;

/** What the plugin's codes route answers its owner. */
export type CodesView = OrderDeliveries;

/** What the plugin's admin order route answers staff: per vendor order, the engine's record. */
export interface AdminOrderView {
  deliveries: Array<{
    reference: string;
    state: string;
    attention: { reason: string } | null;
    settlement: { charged?: { amount: string; currency: string } } | null;
  }>;
}
