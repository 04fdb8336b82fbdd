import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { handleVendorWebhook } from '../../../../../lib/handle-vendor-webhook';

/**
 * `POST /hooks/giftwire/:id/:vendor` — one vendor's callback for a registration
 * (`/hooks/giftwire/digital/starship` for provider `giftwire_digital`). The URL names the vendor whose
 * adapter verifies the raw bytes; a vendor the registration does not have answers 404. Works for a
 * single-vendor registration too (`/hooks/giftwire/bamboo/bamboo`). No Medusa auth: the vendor's signature is
 * the authentication.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await handleVendorWebhook(req, res, String(req.params.id), String(req.params.vendor));
}
