import type { OrderStatus, PlaceOrderRequest, WebhookEvent } from '@giftwire/core';

/**
 * Where an order stands in giftwire's own fulfillment, as opposed to the vendor's status:
 * `accepted` (intent persisted, nothing sent) → `placing` (a placement may be on the wire) → `placed` (the
 * vendor has it; we follow it) → `settled` (final at the vendor), or `needs_attention` (a person must look).
 */
export const FULFILLMENT_STATES = ['accepted', 'placing', 'placed', 'settled', 'needs_attention'] as const;
export type FulfillmentState = (typeof FULFILLMENT_STATES)[number];

/** States in which the engine still has work to do. */
export const ACTIVE_STATES: readonly FulfillmentState[] = ['accepted', 'placing', 'placed'];

export interface AttentionReason {
  /**
   * Machine-readable, e.g. `deadline_exceeded`, `insufficient_balance`, `outcome_unresolved`, or
   * `vendor_order_mismatch` (the vendor's order is not the one sent: never adopted, never re-opened).
   */
  reason: string;
  message: string;
  at: string;
}

/**
 * One order as persisted. Stores see only this shape: the vendor order in `sealedOrder` — voucher codes,
 * PINs, claim URLs and vendor free text — is already encrypted (AES-256-GCM), so no store holds it in clear.
 */
export interface OrderRecord {
  /** Our idempotency key (UUID, lower-case: vendors compare references case-insensitively), the primary key. */
  reference: string;
  vendor: string;
  state: FulfillmentState;
  /** The vendor's status, normalized; `pending` until the vendor says otherwise. */
  status: OrderStatus;
  /** What the shop asked for. Holds no secrets. */
  request: PlaceOrderRequest;
  /** SHA-256 of the canonical request + vendor: a reused reference with another request is refused. */
  requestHash: string;
  shopOrderId?: string;
  customerId?: string;
  vendorOrderId?: string;
  /**
   * The last order the vendor reported, sealed whole (codes and the vendor's free text) in one envelope
   * bound to this row's reference (`SealedOrder`). For a `vendor_order_mismatch` order, the refused one.
   */
  sealedOrder?: unknown;
  attention?: AttentionReason;
  /** Placement calls made for this order (first try and reconciliations). */
  placeAttempts: number;
  /** Status calls made for this order. */
  pollCount: number;
  /** When the engine should next act (epoch ms); absent when there is nothing scheduled. */
  nextActionAt?: number;
  /** After this (epoch ms) a non-final order is cancelled or flagged. Set at placement. */
  deadlineAt?: number;
  /** A cancel was asked for while the outcome of placement was still unknown. */
  cancelRequested?: boolean;
  createdAt: string;
  updatedAt: string;
  /** Optimistic concurrency: every write bumps it; a write against a stale version is refused. */
  version: number;
}

export type AttemptAction =
  | 'submit'
  | 'place'
  | 'lookup'
  | 'poll'
  | 'cancel'
  | 'webhook'
  | 'deadline'
  | 'retry';

/**
 * The audit trail: what was sent and what came back, redacted (no codes, PINs, claim URLs or
 * credentials — summaries only). Written in the same transaction as the transition it explains.
 */
export interface AttemptLogEntry {
  reference: string;
  at: string;
  action: AttemptAction;
  fromState: FulfillmentState | null;
  toState: FulfillmentState;
  outcome: 'ok' | 'error' | 'unknown';
  /** Redacted, JSON-safe detail: vendor status, error code, counts. */
  detail?: Record<string, unknown>;
}

export interface WebhookRecord {
  vendor: string;
  /** The event's deduplication id. */
  id: string;
  reference?: string;
  /** Whether the reference matched an order we know; unknown ones are kept but not acted on. */
  known: boolean;
  receivedAt: string;
  event: WebhookEvent;
}
