// What the shop's staff and its payment provider do in the booted-app tests, through the app's container:
// capture a payment, make an admin user.
import type { IAuthModuleService, IUserModuleService, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { capturePaymentWorkflow } from '@medusajs/medusa/core-flows';
import type { AxiosInstance } from 'axios';
import type { Headers } from './store-api';

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
