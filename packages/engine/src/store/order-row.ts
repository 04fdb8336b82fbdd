import {
  normalizeReference,
  ORDER_STATUSES,
  type OrderStatus,
  type PlaceOrderRequest,
  ValidationError,
  type ValidationIssue,
} from '@giftwire/core';
import {
  type AttemptLogEntry,
  type AttentionReason,
  FULFILLMENT_STATES,
  type FulfillmentState,
  type OrderRecord,
  type WebhookRecord,
} from '../order-record';

/*
 * The one mapping between records and columns, shared by the SQL stores and the memory store so that all of
 * them accept, normalize and reject exactly the same things:
 * - JSON fields travel as text (JSON.stringify), so `undefined` members vanish and JSON `null` stays distinct
 *   from an absent field;
 * - timestamps are kept to the millisecond and come back in `Date#toISOString()` form;
 * - epoch-millisecond fields must be integers (they are bigint columns);
 * - an optional field left unset comes back absent, never as `null` or `undefined`.
 */

/** An integer as a driver returns it: `pg` gives int8 as a string, PGlite as a number. */
export type DbInteger = number | string | bigint;
/** A timestamptz as a driver returns it (a Date), or as the memory store keeps it (an ISO string). */
export type DbTimestamp = Date | string;

/** An order's column values as written. JSON columns hold JSON text. */
export interface OrderValues {
  reference: string;
  vendor: string;
  state: string;
  status: string;
  request: string;
  request_hash: string;
  shop_order_id: string | null;
  customer_id: string | null;
  vendor_order_id: string | null;
  sealed_order: string | null;
  attention: string | null;
  place_attempts: number;
  poll_count: number;
  next_action_at: number | null;
  deadline_at: number | null;
  cancel_requested: boolean | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An order's column values as read back. */
export type OrderRow = Omit<
  OrderValues,
  'place_attempts' | 'poll_count' | 'next_action_at' | 'deadline_at' | 'created_at' | 'updated_at' | 'version'
> & {
  place_attempts: DbInteger;
  poll_count: DbInteger;
  next_action_at: DbInteger | null;
  deadline_at: DbInteger | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: DbInteger;
};

/** Column order of the orders table, as INSERT and SELECT list them. */
export const ORDER_COLUMNS = [
  'reference',
  'vendor',
  'state',
  'status',
  'request',
  'request_hash',
  'shop_order_id',
  'customer_id',
  'vendor_order_id',
  'sealed_order',
  'attention',
  'place_attempts',
  'poll_count',
  'next_action_at',
  'deadline_at',
  'cancel_requested',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof OrderValues)[];

/** Columns holding JSON; the SQL stores bind and select them as text. */
export const ORDER_JSON_COLUMNS: ReadonlySet<string> = new Set(['request', 'sealed_order', 'attention']);

export interface AttemptValues {
  reference: string;
  at: string;
  action: string;
  from_state: string | null;
  to_state: string;
  outcome: string;
  detail: string | null;
}

export type AttemptRow = Omit<AttemptValues, 'at'> & { at: DbTimestamp };

export interface WebhookValues {
  vendor: string;
  id: string;
  reference: string | null;
  known: boolean;
  received_at: string;
  event: string;
}

const STATES: ReadonlySet<string> = new Set(FULFILLMENT_STATES);
const STATUSES: ReadonlySet<string> = new Set(ORDER_STATUSES);
const OUTCOMES: ReadonlySet<string> = new Set(['ok', 'error', 'unknown']);
const INT4_MAX = 2_147_483_647;
/** 0001-01-01 to 9999-12-31: what both `Date#toISOString()` and PostgreSQL write as a plain ISO date. */
const MIN_TIME = -62_135_596_800_000;
const MAX_TIME = 253_402_300_799_999;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Collects problems so one error names every bad field; values are never echoed (they may be secrets). */
class Issues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  throwIfAny(subject: string): void {
    if (this.list.length > 0) throw new ValidationError(subject, this.list);
  }

  text(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.add(path, 'must be a non-empty string');
    // PostgreSQL text cannot hold U+0000; refuse it here so every store fails alike.
    else if (value.includes('\u0000')) this.add(path, 'must not contain U+0000');
    return typeof value === 'string' ? value : '';
  }

  optionalText(value: unknown, path: string): string | null {
    return value === undefined ? null : this.text(value, path);
  }

  oneOf(value: unknown, allowed: ReadonlySet<string>, path: string): string {
    if (typeof value !== 'string' || !allowed.has(value))
      this.add(path, `must be one of ${[...allowed].join(', ')}`);
    return String(value);
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `must be an integer from ${min} to ${max}`);
      return 0;
    }
    return value;
  }

  epochMs(value: unknown, path: string): number | null {
    if (value === undefined) return null;
    return this.integer(value, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  timestamp(value: unknown, path: string): string {
    // Date.parse alone is lax (it reads a year out of "CODE-1234"); demand ISO 8601 with a zone first.
    const ms = typeof value === 'string' && ISO_TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
    if (!(ms >= MIN_TIME && ms <= MAX_TIME)) {
      this.add(path, 'must be an ISO 8601 timestamp');
      return new Date(0).toISOString();
    }
    return new Date(ms).toISOString();
  }

  json(value: unknown, path: string): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value) as string | undefined;
    } catch {
      // Cycles and BigInts; the message of the thrown error could quote the value, so it is not passed on.
      text = undefined;
    }
    if (text === undefined) {
      this.add(path, 'must be JSON-serializable');
      return 'null';
    }
    // PostgreSQL's jsonb cannot hold U+0000; refuse it here so every store fails alike.
    if (/(?:^|[^\\])(?:\\\\)*\\u0000/.test(text)) this.add(path, 'must not contain U+0000');
    return text;
  }
}

export function encodeOrder(record: OrderRecord): OrderValues {
  const issues = new Issues();
  const values: OrderValues = {
    // Vendors compare references case-insensitively, so every store keys them in one case.
    reference: storedReference(issues.text(record.reference, 'reference')),
    vendor: issues.text(record.vendor, 'vendor'),
    state: issues.oneOf(record.state, STATES, 'state'),
    status: issues.oneOf(record.status, STATUSES, 'status'),
    request: issues.json(record.request, 'request'),
    request_hash: issues.text(record.requestHash, 'requestHash'),
    shop_order_id: issues.optionalText(record.shopOrderId, 'shopOrderId'),
    customer_id: issues.optionalText(record.customerId, 'customerId'),
    vendor_order_id: issues.optionalText(record.vendorOrderId, 'vendorOrderId'),
    sealed_order: record.sealedOrder === undefined ? null : issues.json(record.sealedOrder, 'sealedOrder'),
    attention: record.attention === undefined ? null : issues.json(record.attention, 'attention'),
    place_attempts: issues.integer(record.placeAttempts, 'placeAttempts', 0, INT4_MAX),
    poll_count: issues.integer(record.pollCount, 'pollCount', 0, INT4_MAX),
    next_action_at: issues.epochMs(record.nextActionAt, 'nextActionAt'),
    deadline_at: issues.epochMs(record.deadlineAt, 'deadlineAt'),
    cancel_requested: null,
    created_at: issues.timestamp(record.createdAt, 'createdAt'),
    updated_at: issues.timestamp(record.updatedAt, 'updatedAt'),
    version: issues.integer(record.version, 'version', 0, INT4_MAX),
  };
  if (record.cancelRequested !== undefined) {
    if (typeof record.cancelRequested !== 'boolean') issues.add('cancelRequested', 'must be a boolean');
    values.cancel_requested = record.cancelRequested === true;
  }
  issues.throwIfAny('order record');
  return values;
}

/**
 * The values `transition` writes: `next` at version `expectedVersion + 1`. `created_at` is the caller's too but
 * the stores keep the stored one, because it is the list order and cursors must stay valid.
 */
export function encodeTransition(next: OrderRecord, expectedVersion: number): OrderValues {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0 || expectedVersion >= INT4_MAX) {
    throw new ValidationError('transition', [
      { path: 'expectedVersion', message: 'must be a non-negative integer' },
    ]);
  }
  return encodeOrder({ ...next, version: expectedVersion + 1 });
}

export function decodeOrder(row: OrderRow): OrderRecord {
  const record: OrderRecord = {
    reference: row.reference,
    vendor: row.vendor,
    state: row.state as FulfillmentState,
    status: row.status as OrderStatus,
    request: parseStoredJson(row.request) as PlaceOrderRequest,
    requestHash: row.request_hash,
    placeAttempts: Number(row.place_attempts),
    pollCount: Number(row.poll_count),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: Number(row.version),
  };
  if (row.shop_order_id !== null) record.shopOrderId = row.shop_order_id;
  if (row.customer_id !== null) record.customerId = row.customer_id;
  if (row.vendor_order_id !== null) record.vendorOrderId = row.vendor_order_id;
  if (row.sealed_order !== null) record.sealedOrder = parseStoredJson(row.sealed_order);
  if (row.attention !== null) record.attention = parseStoredJson(row.attention) as AttentionReason;
  if (row.next_action_at !== null) record.nextActionAt = Number(row.next_action_at);
  if (row.deadline_at !== null) record.deadlineAt = Number(row.deadline_at);
  if (row.cancel_requested !== null) record.cancelRequested = row.cancel_requested;
  return record;
}

/** `reference` is the order the attempt belongs to; an entry naming another order is a bug upstream. */
export function encodeAttempt(attempt: AttemptLogEntry, reference: string): AttemptValues {
  const issues = new Issues();
  if (storedReference(attempt.reference) !== storedReference(reference))
    issues.add('reference', 'must be the reference of the order written');
  const values: AttemptValues = {
    reference: storedReference(reference),
    at: issues.timestamp(attempt.at, 'at'),
    action: issues.text(attempt.action, 'action'),
    from_state: attempt.fromState === null ? null : issues.oneOf(attempt.fromState, STATES, 'fromState'),
    to_state: issues.oneOf(attempt.toState, STATES, 'toState'),
    outcome: issues.oneOf(attempt.outcome, OUTCOMES, 'outcome'),
    detail:
      attempt.detail === undefined || attempt.detail === null ? null : issues.json(attempt.detail, 'detail'),
  };
  issues.throwIfAny('attempt log entry');
  return values;
}

export function decodeAttempt(row: AttemptRow): AttemptLogEntry {
  const entry: AttemptLogEntry = {
    reference: row.reference,
    at: isoTimestamp(row.at),
    action: row.action as AttemptLogEntry['action'],
    fromState: row.from_state as FulfillmentState | null,
    toState: row.to_state as FulfillmentState,
    outcome: row.outcome as AttemptLogEntry['outcome'],
  };
  if (row.detail !== null) entry.detail = parseStoredJson(row.detail) as Record<string, unknown>;
  return entry;
}

export function encodeWebhook(entry: WebhookRecord): WebhookValues {
  const issues = new Issues();
  const values: WebhookValues = {
    vendor: issues.text(entry.vendor, 'vendor'),
    id: issues.text(entry.id, 'id'),
    reference:
      entry.reference === undefined ? null : storedReference(issues.text(entry.reference, 'reference')),
    known: entry.known === true,
    received_at: issues.timestamp(entry.receivedAt, 'receivedAt'),
    event: issues.json(entry.event, 'event'),
  };
  if (typeof entry.known !== 'boolean') issues.add('known', 'must be a boolean');
  issues.throwIfAny('webhook record');
  return values;
}

/**
 * The form a reference is stored and looked up in: lower case, as vendors (which compare GUIDs
 * case-insensitively) see it. Every store applies it to writes and to lookups alike.
 */
export function storedReference(reference: string): string {
  return typeof reference === 'string' ? normalizeReference(reference) : reference;
}

function isoTimestamp(value: DbTimestamp): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Reads back JSON this module wrote (never outside input), so a parse failure means a damaged row. */
function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error('giftwire store: a JSON column holds invalid JSON', { cause: error });
  }
}
