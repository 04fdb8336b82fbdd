import type { AuthenticatedMedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { ContainerRegistrationKeys, MedusaError } from '@medusajs/framework/utils';
import { canBeStoredId } from '../../../../../../../lib/can-be-stored-id';
import { GIFTWIRE_MODULE } from '../../../../../../../modules/giftwire';
import type GiftwireModuleService from '../../../../../../../modules/giftwire/service';

/**
 * `POST /admin/giftwire/orders/:id/codes-links/revoke` — every signed codes link sent for this order stops
 * working at once (a forwarded email, a customer who asks). Links issued later work again.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const orderId = String(req.params.id);
  if (!canBeStoredId(orderId)) throw new MedusaError(MedusaError.Types.NOT_FOUND, 'Order was not found');
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({ entity: 'order', fields: ['id'], filters: { id: orderId } });
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`);
  const version = await req.scope.resolve<GiftwireModuleService>(GIFTWIRE_MODULE).revokeCodesLinks(orderId);
  res.json({ order_id: orderId, links_version: version });
}
