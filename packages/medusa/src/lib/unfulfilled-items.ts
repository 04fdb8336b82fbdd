import { MathBN } from '@medusajs/framework/utils';

type Quantity = Parameters<typeof MathBN.convert>[0];

/** The order fields `unfulfilledItems` reads (beside the whole items, `items.*`). */
export const FULFILLED_ITEM_FIELDS = [
  'fulfillments.canceled_at',
  'fulfillments.items.line_item_id',
  'fulfillments.items.quantity',
];

export interface OrderWithFulfilledItems<Item extends { id: string; quantity?: Quantity }> {
  items?: Array<Item | null> | null;
  fulfillments?: Array<{
    canceled_at?: string | Date | null;
    items?: Array<{ line_item_id?: string | null; quantity?: Quantity } | null> | null;
  } | null> | null;
}

/**
 * Each line item with what no live fulfillment covers yet (quantity above 0 only). Counted from the
 * fulfillments' own items, not from `items.detail.fulfilled_quantity`: Query returns one item row per order
 * version with that version's detail, so the same line comes back several times with stale quantities.
 *
 * @example
 * for (const { item, quantity } of unfulfilledItems(order)) console.log(item.id, quantity);
 */
export function unfulfilledItems<Item extends { id: string; quantity?: Quantity }>(
  order: OrderWithFulfilledItems<Item>,
): Array<{ item: Item; quantity: number }> {
  const fulfilled = new Map<string, Quantity>();
  for (const fulfillment of order.fulfillments ?? []) {
    if (!fulfillment || fulfillment.canceled_at) continue;
    for (const line of fulfillment.items ?? []) {
      if (!line?.line_item_id) continue;
      fulfilled.set(line.line_item_id, MathBN.add(fulfilled.get(line.line_item_id) ?? 0, line.quantity ?? 0));
    }
  }
  const seen = new Set<string>();
  const open: Array<{ item: Item; quantity: number }> = [];
  for (const item of order.items ?? []) {
    if (!item || seen.has(item.id)) continue;
    seen.add(item.id);
    const quantity = MathBN.sub(item.quantity ?? 0, fulfilled.get(item.id) ?? 0).toNumber();
    if (quantity > 0) open.push({ item, quantity });
  }
  return open;
}
