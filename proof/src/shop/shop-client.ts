import type { PlaceOrderRequest } from '@giftwire/core';
import type { RenderedOrder } from '@giftwire/express';
import { recordedFetch } from './recorded-fetch';
import { CUSTOMER_HEADER, ROUTER_BASE } from './shop-config';

/** One answer the shop gave, kept whole for the leak audit. */
export interface RecordedAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
  /** The reference whose codes this answer may rightly carry: a reveal by the order's owner. */
  readonly revealedTo?: string;
}

export interface ShopAnswer<T> {
  readonly status: number;
  readonly body: T | undefined;
}

/**
 * The shop's HTTP API as a customer's browser calls it. Every answer is kept (`recorded`) so the leak audit
 * scans all of them, not only the ones a part thought to check. A refused connection (the shop is down after
 * a crash) answers status 0.
 *
 * @example
 * const client = shopClient(shop.url);
 * await client.checkout('cus_1', { shopOrderId, reference, lines });
 * await client.place('cus_1', { vendor: 'bamboo', shopOrderId, reference, lines });
 */
export function shopClient(base: string) {
  const recorded: RecordedAnswer[] = [];
  const call = async <T>(
    path: string,
    customer: string | undefined,
    init: { method?: string; body?: unknown; raw?: { headers: Record<string, string>; body?: Buffer } } = {},
    revealedTo?: string,
  ): Promise<ShopAnswer<T>> => {
    const headers: Record<string, string> = { ...init.raw?.headers };
    if (customer) headers[CUSTOMER_HEADER] = customer;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const { status, body } = await recordedFetch<T>(recorded, `${base}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.raw ? init.raw.body : init.body === undefined ? undefined : JSON.stringify(init.body),
      ...(revealedTo ? { revealedTo: () => revealedTo } : {}),
    });
    return { status, body };
  };
  return {
    recorded,
    checkout(
      customer: string,
      order: { shopOrderId: string; reference: string; lines: PlaceOrderRequest['lines'] },
    ) {
      return call<{ shopOrderId: string }>('/checkout', customer, { method: 'POST', body: order });
    },
    place(customer: string, body: Record<string, unknown>) {
      return call<RenderedOrder>(`${ROUTER_BASE}/orders`, customer, { method: 'POST', body });
    },
    get(customer: string, reference: string) {
      return call<RenderedOrder>(`${ROUTER_BASE}/orders/${encodeURIComponent(reference)}`, customer);
    },
    /** Any request, exactly as given (generated bad input): headers, raw body, an unencoded path. */
    raw(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
      return call<unknown>(path, undefined, { method, raw: { headers, ...(body ? { body } : {}) } });
    },
    /** Posts a webhook as given: its headers and its raw bytes, as a vendor (or an attacker) would. */
    webhook(vendor: string, headers: Record<string, string>, body: Buffer) {
      return call<unknown>(`${ROUTER_BASE}/webhooks/${vendor}`, undefined, {
        method: 'POST',
        raw: { headers, body },
      });
    },
    reveal(customer: string, reference: string) {
      const path = `${ROUTER_BASE}/orders/${encodeURIComponent(reference)}?reveal=codes`;
      return call<RenderedOrder>(path, customer, {}, reference);
    },
  };
}

export type ShopClient = ReturnType<typeof shopClient>;
