// A small client for Medusa's store API (plain fetch, no SDK: the page has no build step).

const TOKEN_KEY = 'giftwire-demo.token';
const CART_KEY = 'giftwire-demo.cart';

/** `/config.json` is written by the demo: Medusa's URL and the storefront's publishable key. */
export let config;

export async function loadConfig() {
  for (;;) {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) {
      config = await response.json();
      return config;
    }
    // 503 while the store behind the page is still starting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const session = {
  get token() {
    return localStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  },
  get cartId() {
    return localStorage.getItem(CART_KEY);
  },
  set cartId(value) {
    if (value) localStorage.setItem(CART_KEY, value);
    else localStorage.removeItem(CART_KEY);
  },
};

async function request(path, { method = 'GET', body, auth = true } = {}) {
  const headers = { 'x-publishable-api-key': config.publishableKey };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth && session.token) headers.authorization = `Bearer ${session.token}`;
  const response = await fetch(`${config.medusaUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok)
    throw new ApiError(response.status, data.message || `${response.status} ${response.statusText}`);
  return data;
}

const CART_FIELDS =
  'fields=*items,*items.variant,*items.product,+items.product.metadata,*shipping_methods,*payment_collection';

export const medusa = {
  region: async () => (await request('/store/regions')).regions[0],
  products: async (regionId) =>
    (
      await request(
        `/store/products?limit=100&order=created_at&region_id=${regionId}&fields=*variants.calculated_price,+metadata,*options,*variants.options`,
      )
    ).products,

  async signIn(email, password) {
    const { token } = await request('/auth/customer/emailpass', {
      method: 'POST',
      body: { email, password },
      auth: false,
    });
    session.token = token;
    return medusa.me();
  },
  async signUp({ email, password, firstName, lastName }) {
    const { token } = await request('/auth/customer/emailpass/register', {
      method: 'POST',
      body: { email, password },
      auth: false,
    });
    session.token = token;
    await request('/store/customers', {
      method: 'POST',
      body: { email, first_name: firstName, last_name: lastName },
    });
    // The registration token only allows creating the customer: sign in for a customer token.
    return medusa.signIn(email, password);
  },
  async me() {
    if (!session.token) return undefined;
    try {
      return (await request('/store/customers/me')).customer;
    } catch (error) {
      if (error.status === 401) session.token = null;
      else throw error;
      return undefined;
    }
  },
  signOut() {
    session.token = null;
    session.cartId = null;
  },

  async cart() {
    if (!session.cartId) return undefined;
    try {
      return (await request(`/store/carts/${session.cartId}?${CART_FIELDS}`)).cart;
    } catch (error) {
      if (error.status === 404) session.cartId = null;
      else throw error;
      return undefined;
    }
  },
  async addItem(regionId, variantId, quantity = 1) {
    if (!(await medusa.cart())) {
      const { cart } = await request('/store/carts', { method: 'POST', body: { region_id: regionId } });
      session.cartId = cart.id;
    }
    await request(`/store/carts/${session.cartId}/line-items`, {
      method: 'POST',
      body: { variant_id: variantId, quantity },
    });
    return medusa.cart();
  },
  async setQuantity(lineId, quantity) {
    const path = `/store/carts/${session.cartId}/line-items/${lineId}`;
    if (quantity <= 0) await request(path, { method: 'DELETE' });
    else await request(path, { method: 'POST', body: { quantity } });
    return medusa.cart();
  },

  /**
   * Cart → signed-in customer → address → delivery → payment → order. The demo has one giftwire "Digital
   * delivery" option for every vendor; a shop with several shipping profiles needs one method per profile.
   */
  async checkout(customer) {
    const cartId = session.cartId;
    await request(`/store/carts/${cartId}/customer`, { method: 'POST' });
    // Gift cards ship by email; Medusa still wants an address to find the shipping zone.
    const address = {
      first_name: customer.first_name || 'Gift',
      last_name: customer.last_name || 'Buyer',
      country_code: 'us',
    };
    await request(`/store/carts/${cartId}`, {
      method: 'POST',
      body: { email: customer.email, shipping_address: address, billing_address: address },
    });
    const { shipping_options: options } = await request(`/store/shipping-options?cart_id=${cartId}`);
    const byProfile = new Map();
    for (const option of options)
      if (!byProfile.has(option.shipping_profile_id)) byProfile.set(option.shipping_profile_id, option);
    for (const option of byProfile.values()) {
      await request(`/store/carts/${cartId}/shipping-methods`, {
        method: 'POST',
        body: { option_id: option.id },
      });
    }
    const cart = await medusa.cart();
    const collection =
      cart.payment_collection ??
      (await request('/store/payment-collections', { method: 'POST', body: { cart_id: cartId } }))
        .payment_collection;
    await request(`/store/payment-collections/${collection.id}/payment-sessions`, {
      method: 'POST',
      body: { provider_id: 'pp_system_default' },
    });
    const completed = await request(`/store/carts/${cartId}/complete`, { method: 'POST' });
    if (completed.type !== 'order')
      throw new ApiError(400, completed.error?.message || 'The order could not be placed');
    session.cartId = null;
    return completed.order;
  },

  order: async (id) => (await request(`/store/orders/${id}?fields=*items,+items.product.metadata`)).order,
  orders: async () => (await request('/store/orders?limit=20&order=-created_at')).orders,
  /** The plugin's codes route: only the customer who owns the order gets an answer (else 404). */
  codes: (id) => request(`/store/giftwire/orders/${id}/codes`),
};
