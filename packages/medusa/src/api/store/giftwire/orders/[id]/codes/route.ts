import type { AuthenticatedMedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { MedusaError } from '@medusajs/framework/utils';
import { followSettlements } from '../../../../../../lib/follow-settlements';
import { orderDeliveries } from '../../../../../../lib/order-deliveries';

/**
 * `GET /store/giftwire/orders/:id/codes` — the signed-in customer's own codes. Someone else's order, a guest
 * order and a missing order all answer the same 404, so the route does not reveal which orders exist.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  followSettlements(req.scope);
  res.setHeader('Cache-Control', 'no-store');
  const view = await orderDeliveries(req.scope, String(req.params.id), 'open');
  const customerId = req.auth_context?.actor_id;
  if (!view || !customerId || view.customer_id !== customerId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`);
  }
  const { customer_id: _owner, ...body } = view;
  res.json(body);
}
