import type { INotificationModuleService, Logger, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { GIFTWIRE_MODULE } from '../modules/giftwire';
import type GiftwireModuleService from '../modules/giftwire/service';
import { signCodesLink } from './codes-link';
import type { OrderForDelivery } from './find-order-for-delivery';
import { registrationOptions } from './registrations';

export const DEFAULT_CODES_URL = '/store/giftwire/orders/{order_id}/codes';
export const DEFAULT_NOTIFICATION_TEMPLATE = 'giftwire-codes-ready';
export const DEFAULT_CODES_LINK_URL = '/store/giftwire/links/{token}';
export const DEFAULT_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Tells the customer their codes are ready, with a link — never the codes (Medusa stores `data`). A customer
 * with an account gets the signed-in codes route; a guest a signed, expiring link when a `linkSecret` is set.
 * Idempotent per `idempotencyKey` (see `notifyWhenOrderReady` for which key). Answers whether a notification
 * was sent.
 */
export async function notifyCustomer(
  container: MedusaContainer,
  registrationId: string,
  order: OrderForDelivery,
  idempotencyKey: string,
): Promise<boolean> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER);
  const to = order.customer?.email ?? order.email;
  if (!container.hasRegistration(Modules.NOTIFICATION)) {
    logger.warn(
      '[giftwire] no notification module is configured; the customer was not told their codes are ready',
    );
    return false;
  }
  if (!to) {
    logger.warn(`[giftwire] order ${order.id} has no customer email; no notification sent`);
    return false;
  }
  const options = registrationOptions(registrationId);
  let link = (options.codesUrl ?? DEFAULT_CODES_URL).replaceAll('{order_id}', encodeURIComponent(order.id));
  let linkExpiresAt: string | null = null;
  if (order.customer?.has_account !== true) {
    // A guest cannot sign in to the codes route: they get a signed, expiring link instead (see codes-link).
    if (options.linkSecret) {
      const vault = container.resolve<GiftwireModuleService>(GIFTWIRE_MODULE);
      const expiresAt = Math.floor((Date.now() + (options.linkTtlMs ?? DEFAULT_LINK_TTL_MS)) / 1000);
      const token = signCodesLink(options.linkSecret, {
        orderId: order.id,
        expiresAt,
        version: await vault.codesLinkVersion(order.id),
      });
      link = (options.codesLinkUrl ?? DEFAULT_CODES_LINK_URL).replaceAll(
        '{token}',
        encodeURIComponent(token),
      );
      linkExpiresAt = new Date(expiresAt * 1000).toISOString();
    } else {
      logger.warn(
        `[giftwire] order ${order.id} is a guest order and no linkSecret is set: its notification links to the sign-in route`,
      );
    }
  }
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION);
  // The message links to the codes; `data` is stored by Medusa, so it never carries one.
  await notifications.createNotifications({
    to,
    channel: 'email',
    template: options.notificationTemplate ?? DEFAULT_NOTIFICATION_TEMPLATE,
    data: {
      order_id: order.id,
      display_id: order.display_id ?? null,
      codes_url: link,
      ...(linkExpiresAt ? { codes_url_expires_at: linkExpiresAt } : {}),
    },
    trigger_type: 'giftwire.delivery.settled',
    resource_id: order.id,
    resource_type: 'order',
    idempotency_key: idempotencyKey,
  });
  return true;
}
