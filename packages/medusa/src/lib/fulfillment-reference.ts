import { createHash } from 'node:crypto';

/** Fixed namespace so the same fulfillment id always gives the same reference, in every process and release. */
const NAMESPACE = 'giftwire:medusa:fulfillment:v1:';

/**
 * The engine's idempotency key for a Medusa fulfillment: a name-based UUID from SHA-256 (RFC 9562 version 8,
 * the SHA-256 analogue of version 5). Deterministic, so a retried `createFulfillment` for the same fulfillment
 * resubmits under the same reference and the engine answers with the existing order instead of ordering twice.
 *
 * @example
 * const reference = fulfillmentReference(fulfillment.id); // the vendor order's reference, e.g. in the admin
 */
export function fulfillmentReference(fulfillmentId: string): string {
  const bytes = createHash('sha256')
    .update(NAMESPACE + fulfillmentId, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
