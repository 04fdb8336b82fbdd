import { createHash } from 'node:crypto';

/** Fixed namespaces so the same name always gives the same reference, in every process and release. */
const FULFILLMENT_NAMESPACE = 'giftwire:medusa:fulfillment:v1:';
const ORDER_LINES_NAMESPACE = 'giftwire:medusa:order-lines:v1:';

/** A name-based UUID from SHA-256 (RFC 9562 version 8, the SHA-256 analogue of version 5). */
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The engine's idempotency key for a Medusa fulfillment that names no order: deterministic, so a retried
 * `createFulfillment` for the same fulfillment resubmits under the same reference.
 *
 * @example
 * const reference = fulfillmentReference(fulfillment.id);
 */
export function fulfillmentReference(fulfillmentId: string): string {
  return nameBasedUuid(FULFILLMENT_NAMESPACE + fulfillmentId);
}

/** One line item of a fulfillment, and how many of it the fulfillment delivers. */
export interface FulfilledLine {
  lineItemId: string;
  quantity: number;
}

/**
 * The engine's idempotency key for fulfilling `lines` of Medusa order `orderId`, the `attempt`-th time (0
 * first). Derived from the order and its lines, not from the fulfillment's id: a fulfillment workflow that
 * died after the engine took the order leaves no fulfillment behind, and the one made again for the same
 * order and lines must find that engine order, not place a second. The lines' order does not matter.
 *
 * @example
 * const reference = orderLinesReference('order_1', [{ lineItemId: 'ordli_1', quantity: 2 }], 0);
 */
export function orderLinesReference(
  orderId: string,
  lines: readonly FulfilledLine[],
  attempt: number,
): string {
  const items = lines
    .map((line) => `${line.lineItemId}\u0000${line.quantity}`)
    .sort()
    .join('\u0001');
  return nameBasedUuid(`${ORDER_LINES_NAMESPACE}${orderId}\u0002${items}\u0002${attempt}`);
}
