import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { handleVendorWebhook } from '../../../../lib/handle-vendor-webhook';

/**
 * `POST /hooks/giftwire/:id` — the vendor's callback for a single-vendor registration (`/hooks/giftwire/bamboo`
 * for provider `giftwire_bamboo`; a second account `bamboo_usd` has its own route, secret and engine). A
 * multi-vendor registration answers 400 here: its vendors post to `/hooks/giftwire/:id/:vendor`. No Medusa
 * auth: the vendor's signature is the authentication.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await handleVendorWebhook(req, res, String(req.params.id), undefined);
}
