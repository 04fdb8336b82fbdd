import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';

/** What delivering a settled vendor order needs to know about its Medusa order. */
export interface OrderForDelivery {
  id: string;
  display_id?: number;
  email?: string | null;
  customer?: { email?: string | null; has_account?: boolean | null } | null;
  fulfillments?: Array<{
    id: string;
    provider_id?: string | null;
    data?: Record<string, unknown> | null;
    delivered_at?: string | Date | null;
    canceled_at?: string | Date | null;
  }>;
}

/** The order, its customer's email and its fulfillments; undefined when it does not exist. */
export async function findOrderForDelivery(
  container: MedusaContainer,
  orderId: string,
): Promise<OrderForDelivery | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'order',
    fields: [
      'id',
      'display_id',
      'email',
      'customer.email',
      'customer.has_account',
      'fulfillments.id',
      'fulfillments.provider_id',
      'fulfillments.data',
      'fulfillments.delivered_at',
      'fulfillments.canceled_at',
    ],
    filters: { id: orderId },
  });
  return data[0] as OrderForDelivery | undefined;
}
