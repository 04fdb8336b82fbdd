import type { AuthenticatedMedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import type { Logger } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MedusaError } from '@medusajs/framework/utils';
import { followSettlements } from '../../../../../../lib/follow-settlements';
import { type OrderDeliveries, orderDeliveries } from '../../../../../../lib/order-deliveries';
import { registerConfiguredVendors } from '../../../../../../lib/register-configured-vendors';

/**
 * `GET /store/giftwire/orders/:id/codes` — the signed-in customer's own codes. Someone else's order, a guest
 * order and a missing order all answer the same 404, decided before any vendor engine is touched, so the
 * route does not reveal which orders exist. If the owner's codes cannot be read right now (the engine's
 * database is down), the owner gets 503 and may retry; never a 500 with the reason.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  registerConfiguredVendors(req.scope);
  followSettlements(req.scope);
  res.setHeader('Cache-Control', 'no-store');
  const customerId = req.auth_context?.actor_id;
  let view: OrderDeliveries | undefined;
  if (customerId) {
    try {
      view = await orderDeliveries(req.scope, String(req.params.id), 'open', { customerId });
    } catch (error) {
      req.scope
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .error(
          `[giftwire] codes for order ${String(req.params.id)} unavailable: ${(error as Error).message}`,
        );
      res.setHeader('Retry-After', '30');
      res
        .status(503)
        .json({ type: 'unavailable', message: 'Codes are unavailable right now; try again shortly' });
      return;
    }
  }
  if (!view) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`);
  const { customer_id: _owner, ...body } = view;
  res.json(body);
}
