import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import type { Logger } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MedusaError } from '@medusajs/framework/utils';
import { verifyCodesLink } from '../../../../../lib/codes-link';
import { followSettlements } from '../../../../../lib/follow-settlements';
import { type OrderDeliveries, orderDeliveries } from '../../../../../lib/order-deliveries';
import { registerConfiguredVendors } from '../../../../../lib/register-configured-vendors';
import { findRegistrationOptions, registrationIds } from '../../../../../lib/registrations';
import { GIFTWIRE_MODULE } from '../../../../../modules/giftwire';
import type GiftwireModuleService from '../../../../../modules/giftwire/service';

/**
 * `GET /store/giftwire/links/:token` — the codes of the order a signed link names (the guest's notification
 * carries it). A malformed, forged, expired or revoked link, and a link to an order that is gone, all answer
 * the same 404. Not cached, and not to be passed on as a referrer: the token is a bearer credential.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  registerConfiguredVendors(req.scope);
  followSettlements(req.scope);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  const keys = [
    ...new Set(
      registrationIds()
        .map((id) => findRegistrationOptions(id)?.linkSecret)
        .filter((key): key is string => !!key),
    ),
  ];
  const claims = verifyCodesLink(keys, String(req.params.token), Math.floor(Date.now() / 1000));
  let view: OrderDeliveries | undefined;
  if (claims) {
    try {
      const vault = req.scope.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
      if ((await vault.codesLinkVersion(claims.orderId)) === claims.version) {
        view = await orderDeliveries(req.scope, claims.orderId, 'open');
      }
    } catch (error) {
      req.scope
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .error(`[giftwire] codes for order ${claims.orderId} unavailable: ${(error as Error).message}`);
      res.setHeader('Retry-After', '30');
      res
        .status(503)
        .json({ type: 'unavailable', message: 'Codes are unavailable right now; try again shortly' });
      return;
    }
  }
  if (!view) throw new MedusaError(MedusaError.Types.NOT_FOUND, 'This link is not valid');
  const { customer_id: _owner, ...body } = view;
  res.json(body);
}
