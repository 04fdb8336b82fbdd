import type { AuthenticatedMedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { MedusaError } from '@medusajs/framework/utils';
import { followSettlements } from '../../../../../lib/follow-settlements';
import { engineDetails, orderDeliveries } from '../../../../../lib/order-deliveries';
import { registerConfiguredVendors } from '../../../../../lib/register-configured-vendors';

/**
 * `GET /admin/giftwire/orders/:id` — each vendor order of a Medusa order (one per vendor of a mixed cart):
 * vendor, engine state, vendor status, vendor ids, what was not charged, and the attempt log and its count. Codes are masked: staff see that a card exists, not its code.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  registerConfiguredVendors(req.scope);
  followSettlements(req.scope);
  res.setHeader('Cache-Control', 'no-store');
  const view = await orderDeliveries(req.scope, String(req.params.id), 'masked');
  if (!view) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`);
  const deliveries = await Promise.all(
    view.deliveries.map(async (delivery) => {
      const { order, attempts } = await engineDetails(delivery.provider_id, delivery.reference);
      return {
        ...delivery,
        vendor_order_id: order?.vendorOrderId ?? null,
        attention: order?.attention ?? null,
        failure: order?.failure ?? null,
        settlement: order?.settlement ?? null,
        attempt_count: attempts.length,
        attempts,
      };
    }),
  );
  res.json({ order_id: view.order_id, status: view.status, deliveries });
}
