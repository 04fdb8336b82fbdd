import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, type MathBN } from '@medusajs/framework/utils';

/** What delivering a settled vendor order needs to know about its Medusa order. */
export interface OrderForDelivery {
  id: string;
  display_id?: number;
  email?: string | null;
  customer?: { email?: string | null; has_account?: boolean | null } | null;
  items?: Array<{
    id: string;
    variant_sku?: string | null;
    metadata?: Record<string, unknown> | null;
    quantity?: Parameters<typeof MathBN.convert>[0];
  }>;
  fulfillments?: Array<{
    id: string;
    provider_id?: string | null;
    items?: Array<{ line_item_id?: string | null; quantity?: Parameters<typeof MathBN.convert>[0] }>;
    data?: Record<string, unknown> | null;
    delivered_at?: string | Date | null;
    canceled_at?: string | Date | null;
  }>;
}

/** The order, its customer's email, its items and its fulfillments; undefined when it does not exist. */
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
      // Whole items (as placement reads them): which lines still wait for their vendor order.
      'items.*',
      'fulfillments.items.line_item_id',
      'fulfillments.items.quantity',
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
