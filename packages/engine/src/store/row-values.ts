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
