import { normalizeReference } from '@giftwire/core';
import { OrderNotFoundError } from '@giftwire/engine';
import type { AuthenticatedMedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { MedusaError } from '@medusajs/framework/utils';
import { registrationIdOf } from '../../../../../../../../lib/giftwire-provider-id';
import { orderDeliveries } from '../../../../../../../../lib/order-deliveries';
import { registerConfiguredVendors } from '../../../../../../../../lib/register-configured-vendors';
import { getEngine } from '../../../../../../../../lib/registrations';

/**
 * `POST /admin/giftwire/orders/:id/deliveries/:reference/retry` — "retry now": takes a vendor order out of
 * needs_attention (or wakes an active one). The engine keeps its exactly-once rules: a retry reconciles with
 * the vendor before it ever places again.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  registerConfiguredVendors(req.scope);
  const view = await orderDeliveries(req.scope, String(req.params.id), 'masked');
  const reference = normalizeReference(String(req.params.reference));
  const delivery = view?.deliveries.find((d) => d.reference === reference);
  if (!delivery) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No giftwire delivery ${req.params.reference} on this order`,
    );
  }
  try {
    const registrationId = registrationIdOf(delivery.provider_id) ?? delivery.vendor;
    const order = await (await getEngine(registrationId)).retry(delivery.reference);
    res.json({ reference: order.reference, state: order.state, status: order.status });
  } catch (error) {
    if (OrderNotFoundError.isInstance(error)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No giftwire delivery ${req.params.reference}`);
    }
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, (error as Error).message);
  }
}
