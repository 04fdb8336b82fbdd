import { WebhookVerificationError } from '@giftwire/core';
import { UnknownVendorError, WebhooksNotSupportedError } from '@giftwire/engine';
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import type { Logger } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { followSettlements } from './follow-settlements';
import { registerConfiguredVendors } from './register-configured-vendors';
import { findRegisteredEngine, findRegistrationOptions } from './registrations';
import { settleDelivery } from './settle-delivery';

/**
 * A vendor's callback for one registration: verified by the vendor's adapter over the raw bytes, answered 202
 * at once; the engine re-fetches the order afterwards (a webhook is a hint, never the truth), and a settled
 * order is delivered right after. `vendor` is the route's `:vendor` (multi-vendor registrations); without it
 * the registration must have exactly one vendor (the single-vendor form's `/hooks/giftwire/:id`).
 *
 * @example
 * export const POST = (req, res) => handleVendorWebhook(req, res, String(req.params.id), String(req.params.vendor));
 */
export async function handleVendorWebhook(
  req: MedusaRequest,
  res: MedusaResponse,
  id: string,
  routeVendor: string | undefined,
): Promise<void> {
  registerConfiguredVendors(req.scope);
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  followSettlements(req.scope);
  const options = findRegistrationOptions(id);
  const engine = options && (await findRegisteredEngine(id));
  if (!options || !engine) {
    res.status(404).json({ type: 'not_found', message: `no giftwire provider "${id}" here` });
    return;
  }
  if (routeVendor === undefined && options.form === 'multi') {
    // Which adapter verifies the bytes must come from the URL, never from the (unverified) body.
    res.status(400).json({
      type: 'invalid_data',
      message: `giftwire provider "${id}" serves several vendors: send each vendor's webhooks to /hooks/giftwire/${id}/<vendor>`,
    });
    return;
  }
  const vendor = routeVendor ?? Object.keys(options.vendors)[0]!;
  if (!(vendor in options.vendors)) {
    res
      .status(404)
      .json({ type: 'not_found', message: `giftwire provider "${id}" has no vendor "${vendor}"` });
    return;
  }
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
