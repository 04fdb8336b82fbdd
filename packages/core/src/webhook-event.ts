import { z } from 'zod';
import { type MappedStatus, type OrderStatus, OrderStatusSchema } from './status';

/**
 * A verified vendor notification. It is a hint, not the truth: the engine re-fetches the order.
 */
export const WebhookEventSchema = z.object({
  vendor: z.string().min(1),
  /** Deduplication key: the vendor's delivery id where it has one, else derived from the body. */
  id: z.string().min(1),
  /** The vendor's event name, e.g. `order.delivered` or `Succeeded`. */
  type: z.string(),
  /** Our reference (Bamboo's RequestId, Budgetree's refno) when the event carries it. */
  reference: z.string().optional(),
  vendorOrderId: z.string().optional(),
  /** The status the event claims, raw; only a re-fetch is trusted. */
  status: z.string().optional(),
  /**
   * The status the event claims in giftwire's words, from the vendor's status table; absent when the event
   * names none or a word the table does not know. Still only a claim: the engine never settles on it. It
   * skips the immediate re-fetch of a hint that claims a status that is not final (a read would only find the
   * order still open; polling continues), and re-fetches for a final claim or none. A forged claim can so
   * only make the engine do less at once, never settle or fail an order.
   */
  claimedStatus: OrderStatusSchema.optional(),
  /** How the event was authenticated. */
  verifiedBy: z.enum(['signature', 'shared_secret']),
  receivedAt: z.string(),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export interface WebhookInput {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over bytes, not over parsed JSON. */
  rawBody: string | Uint8Array;
}

/**
 * The status a webhook claims, for {@link WebhookEvent.claimedStatus}: the vendor's word through its status
 * table, or `undefined` when there is no word or the table does not know it (an unknown word is not a claim:
 * the engine re-fetches).
 *
 * @example
 * const mapState = statusMapper({ pending: ['confirmed'], fulfilled: ['successful'] }, 'processing');
 * claimedStatusOf(mapState, 'confirmed'); // 'pending'
 * claimedStatusOf(mapState, 'on_hold'); // undefined
 */
export function claimedStatusOf(
  map: (raw: string) => MappedStatus<OrderStatus>,
  raw: string | null | undefined,
): OrderStatus | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const mapped = map(raw);
  return mapped.recognized ? mapped.status : undefined;
}
