// What a storefront does over HTTP in the booted-app tests (and the proof suite's Medusa parts): sign up and
// check out a cart. Plain HTTP only, so a process without Medusa loaded (the proof runner) can use it too.

/** The buyer's shipping and billing address in the tests' carts (the region is US). */
export const ADDRESS = {
  first_name: 'Gift',
  last_name: 'Buyer',
  address_1: '1 Main St',
  city: 'Springfield',
  postal_code: '12345',
  country_code: 'us',
};

export type Headers = { headers: Record<string, string> };

/**
 * The part of an HTTP client these steps use: axios's (medusaIntegrationTestRunner's `api`), or any client
 * answering `{ data }` and throwing on a non-2xx answer (the proof suite's fetch).
 */
export interface StoreHttp {
  // biome-ignore lint/suspicious/noExplicitAny: the store API's bodies, read field by field
  post(path: string, body: unknown, config?: Headers): Promise<{ data: any }>;
}

export interface StoreRefs {
  publishableKey: string;
  region: { id: string };
  salesChannel: { id: string };
}

/**
 * Registers a customer through the store API; returns their bearer headers and id.
 *
 * @example
 * const buyer = await signUp(api, store, 'buyer@example.com');
 */
export async function signUp(api: StoreHttp, s: StoreRefs, email: string): Promise<Headers & { id: string }> {
  const store = { 'x-publishable-api-key': s.publishableKey };
  const password = 'secret-password';
  const reg = await api.post('/auth/customer/emailpass/register', { email, password });
  const {
    data: { customer },
  } = await api.post(
    '/store/customers',
    { email, first_name: 'Gift', last_name: 'Buyer' },
    { headers: { ...store, authorization: `Bearer ${reg.data.token}` } },
  );
  const login = await api.post('/auth/customer/emailpass', { email, password });
  return { id: customer.id, headers: { ...store, authorization: `Bearer ${login.data.token}` } };
}

/**
 * cart with `items` → one shipping method → payment → complete, as a storefront does it.
 *
 * @example
 * const order = await checkout(api, store, buyer, [{ variant_id, quantity: 1 }], shippingOptionId);
 */
export async function checkout(
  api: StoreHttp,
  s: StoreRefs,
  auth: Headers,
  items: Array<{ variant_id: string; quantity: number }>,
  shippingOptionId: string,
) {
  const {
    data: { cart },
  } = await api.post(
    '/store/carts',
    {
      region_id: s.region.id,
      sales_channel_id: s.salesChannel.id,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items,
    },
    auth,
  );
  await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shippingOptionId }, auth);
  const {
    data: { payment_collection },
  } = await api.post('/store/payment-collections', { cart_id: cart.id }, auth);
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: 'pp_system_default' },
    auth,
  );
  const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, auth);
  if (completed.data.type !== 'order')
    throw new Error(`cart not completed: ${JSON.stringify(completed.data)}`);
  return completed.data.order as { id: string; email: string; items: { id: string }[] };
}
