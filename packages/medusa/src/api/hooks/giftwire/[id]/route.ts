import { WebhookVerificationError } from '@giftwire/core';
import { UnknownVendorError, WebhooksNotSupportedError } from '@giftwire/engine';
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import type { Logger } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { followSettlements } from '../../../../lib/follow-settlements';
import { registerConfiguredVendors } from '../../../../lib/register-configured-vendors';
import { findRegisteredEngine, findRegistrationOptions } from '../../../../lib/registrations';
import { settleDelivery } from '../../../../lib/settle-delivery';

/**
 * `POST /hooks/giftwire/:id` — the vendor's callback for one provider registration (`/hooks/giftwire/bamboo`
 * for provider `giftwire_bamboo`; a second account `bamboo_usd` has its own route, secret and engine).
 * Verified by the vendor adapter over the raw bytes, answered 202 at once; the engine re-fetches the order
 * afterwards (a webhook is a hint, never the truth), and a settled order is delivered right after. No Medusa
 * auth: the vendor's signature is the authentication.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  registerConfiguredVendors(req.scope);
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  followSettlements(req.scope);
  const id = String(req.params.id);
  const options = findRegistrationOptions(id);
  const engine = await findRegisteredEngine(id);
  if (!options || !engine) {
    res.status(404).json({ type: 'not_found', message: `no giftwire provider "${id}" here` });
    return;
  }
  const vendor = options.vendor;
  const rawBody = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? JSON.stringify(req.body ?? {});
  let outcome: Awaited<ReturnType<typeof engine.handleWebhook>>;
  try {
    outcome = await engine.handleWebhook(vendor, { headers: req.headers, rawBody });
  } catch (error) {
    if (WebhookVerificationError.isInstance(error)) {
      res.status(401).json({ type: 'unauthorized', message: 'webhook signature did not verify' });
      return;
    }
    if (UnknownVendorError.isInstance(error) || WebhooksNotSupportedError.isInstance(error)) {
      res.status(404).json({ type: 'not_found', message: `${vendor} sends no webhooks giftwire reads` });
      return;
    }
    throw error;
  }
  const reference = outcome.event.reference;
  outcome.processed
    .then(() => (reference ? settleDelivery(req.scope, id, reference) : undefined))
    .catch((error: unknown) => {
      logger.error(
        `[giftwire] webhook follow-up for ${reference ?? '?'} failed; the giftwire-sync job will catch up: ${(error as Error).message}`,
      );
    });
  res.status(202).json({ status: outcome.status });
}
