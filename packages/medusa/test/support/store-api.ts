// What a storefront and the shop's staff do over HTTP in the booted-app tests: sign up, check out a cart,
// capture its payment, sign in to the admin.
import type { IAuthModuleService, IUserModuleService, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { capturePaymentWorkflow } from '@medusajs/medusa/core-flows';
import type { AxiosInstance } from 'axios';
import { ADDRESS } from './seed-gift-card-store';

export type Headers = { headers: Record<string, string> };

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
export async function signUp(
  api: AxiosInstance,
  s: StoreRefs,
  email: string,
): Promise<Headers & { id: string }> {
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
  api: AxiosInstance,
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

/** The order's payment (the test provider `pp_system_default` authorizes and never captures by itself). */
export async function paymentOf(container: MedusaContainer, orderId: string): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'order',
    fields: ['payment_collections.payments.id'],
    filters: { id: orderId },
  });
  const id = (data[0] as { payment_collections?: Array<{ payments?: Array<{ id: string }> }> })
    ?.payment_collections?.[0]?.payments?.[0]?.id;
  if (!id) throw new Error(`order ${orderId} has no payment`);
  return id;
}

/** What the admin's "Capture payment" does: Medusa's capture workflow, which emits `payment.captured`. */
export async function capture(container: MedusaContainer, orderId: string): Promise<string> {
  const paymentId = await paymentOf(container, orderId);
  await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } });
  return paymentId;
}

/** An admin user and its bearer token: register an emailpass identity, attach a user to it, log in. */
export async function adminHeaders(api: AxiosInstance, container: MedusaContainer): Promise<Headers> {
  const email = 'staff@example.com';
  const password = 'staff-password';
  const reg = await api.post('/auth/user/emailpass/register', { email, password });
  const payload = JSON.parse(Buffer.from(reg.data.token.split('.')[1], 'base64url').toString('utf8'));
  const users = container.resolve<IUserModuleService>(Modules.USER);
  const user = await users.createUsers({ email });
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH);
  await auth.updateAuthIdentities({ id: payload.auth_identity_id, app_metadata: { user_id: user.id } });
  const login = await api.post('/auth/user/emailpass', { email, password });
  return { headers: { authorization: `Bearer ${login.data.token}` } };
}
