import type { Fulfiller } from '@giftwire/engine';
import type { FulfillmentItemDTO, FulfillmentOrderDTO } from '@medusajs/framework/types';
import { MedusaError } from '@medusajs/framework/utils';
import { fulfillmentReference, orderLinesReference } from './fulfillment-reference';

/** Fulfillments of one order's same lines made again after their vendor orders closed without cards. */
const MAX_ATTEMPTS = 20;

/**
 * The engine's reference for fulfilling `items` of `order`: from the order and its lines (see
 * `orderLinesReference`), so a fulfillment made again for lines whose first fulfillment died with its
 * process (after the engine took the order, before Medusa stored the fulfillment) adopts that engine order
 * instead of placing a second — an order of this Medusa order with these very lines, so ours. An earlier
 * attempt the vendor closed without cards (cancelled, failed) is passed over: fulfilling those lines again
 * is a new order. Without an order id or line ids, the fulfillment's own id.
 *
 * @example
 * const reference = await referenceForFulfillment(engine, order, items, fulfillment.id);
 */
export async function referenceForFulfillment(
  engine: Pick<Fulfiller, 'get'>,
  order: Partial<FulfillmentOrderDTO> | undefined,
  items: Partial<Omit<FulfillmentItemDTO, 'fulfillment'>>[],
  fulfillmentId: string,
): Promise<string> {
  const lines = items.map((item) => ({ lineItemId: item.line_item_id, quantity: Number(item.quantity) }));
  if (!order?.id || lines.some((line) => !line.lineItemId)) return fulfillmentReference(fulfillmentId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const reference = orderLinesReference(
      order.id,
      lines as { lineItemId: string; quantity: number }[],
      attempt,
    );
    const existing = await engine.get(reference);
    const closedWithoutCards =
      existing?.state === 'settled' && (existing.status === 'cancelled' || existing.status === 'failed');
    if (!closedWithoutCards) return reference;
  }
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `giftwire: these items of order ${order.id} were fulfilled and closed without cards ${MAX_ATTEMPTS} times`,
  );
}
