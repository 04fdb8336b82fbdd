import type { OrderStatus } from '@giftwire/core';
import type { AttemptLogEntry, FulfillmentState, OrderRecord, WebhookRecord } from '../order-record';
import type { SettleSample, SettleSampleQuery } from './settle-sample';

export interface OrderQuery {
  status?: OrderStatus;
  state?: FulfillmentState;
  vendor?: string;
  customerId?: string;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Page size, default 50, at most 500. */
  limit?: number;
}

export interface OrderPage {
  records: OrderRecord[];
  /** Present when there are more records after this page. */
  nextCursor?: string;
}

/**
 * Durable order state. Three implementations share one behavioural test suite: in memory (tests only),
 * embedded PGlite (the default, no server) and PostgreSQL (many instances).
 */
export interface OrderStore {
  /** Creates or migrates the schema. Idempotent and safe to call from several processes at once. */
  init(): Promise<void>;
  /**
   * Inserts the record with its first attempt entry unless one with this reference exists.
   * Returns the stored record — the new one, or the existing one untouched — and whether it was created.
   */
  create(record: OrderRecord, attempt: AttemptLogEntry): Promise<{ created: boolean; record: OrderRecord }>;
  get(reference: string): Promise<OrderRecord | undefined>;
  /**
   * Compare-and-set: if the stored version is `expectedVersion`, writes `next` with version
   * `expectedVersion + 1` and appends `attempt`, in one transaction. Returns the stored record, or
   * `undefined` when another writer got there first (nothing written).
   */
  transition(
    next: OrderRecord,
    expectedVersion: number,
    attempt: AttemptLogEntry,
  ): Promise<OrderRecord | undefined>;
  /** Newest first, filtered; cursor-paged. */
  list(query?: OrderQuery): Promise<OrderPage>;
  /** Records in an active state whose `nextActionAt` is at or before `now`, soonest first. */
  due(now: number, limit: number): Promise<OrderRecord[]>;
  /** The attempt log of one order, oldest first. */
  attempts(reference: string): Promise<AttemptLogEntry[]>;
  /** Keeps a webhook delivery; returns false when (vendor, id) was recorded before (a duplicate). */
  recordWebhook(entry: WebhookRecord): Promise<boolean>;
  /**
   * Keeps how long one order took to settle. Only the newest `SETTLE_SAMPLES_KEPT` samples of each
   * (vendor, product) — of each vendor for multi-line orders — are kept: older ones are dropped here.
   */
  recordSettleSample(sample: SettleSample): Promise<void>;
  /** Recent settle samples, newest first: one product's, or the whole vendor's when `productId` is absent. */
  settleSamples(query: SettleSampleQuery): Promise<SettleSample[]>;
  close(): Promise<void>;
}
