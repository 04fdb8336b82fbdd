import { z } from 'zod';

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
