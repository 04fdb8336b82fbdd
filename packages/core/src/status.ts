import { z } from 'zod';

export const ORDER_STATUSES = [
  'pending',
  'processing',
  'fulfilled',
  'partially_fulfilled',
  'failed',
  'cancelled',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

const FINAL: ReadonlySet<OrderStatus> = new Set(['fulfilled', 'partially_fulfilled', 'failed', 'cancelled']);

/** Final statuses never change again, so the engine stops polling. */
export function isFinal(status: OrderStatus): boolean {
  return FINAL.has(status);
}

export const VOUCHER_STATUSES = ['pending', 'issued', 'failed'] as const;
export const VoucherStatusSchema = z.enum(VOUCHER_STATUSES);
export type VoucherStatus = z.infer<typeof VoucherStatusSchema>;

/**
 * A vendor's status table as data: each normalized status lists the vendor's words for it. Each vendor
 * package declares one (see DESIGN.md "Vendor status tables").
 */
export type StatusTable<S extends string> = Readonly<Partial<Record<S, readonly string[]>>>;

export interface MappedStatus<S extends string> {
  status: S;
  /** The vendor's word as received, kept for diagnostics. */
  raw: string;
  /** False when the vendor sent a word the table does not know. */
  recognized: boolean;
}

/**
 * Builds a case-insensitive mapper from a table. An unknown word is not a crash: it maps to `fallback`
 * (for orders, `processing`, so the engine keeps looking) and is reported as unrecognized.
 *
 * @example
 * const orderStatus = statusMapper({ fulfilled: ['Succeeded'], failed: ['Failed'], processing: ['Pending'] }, 'processing');
 * orderStatus('SUCCEEDED'); // { status: 'fulfilled', raw: 'SUCCEEDED', recognized: true }
 * orderStatus('OnHold'); // { status: 'processing', raw: 'OnHold', recognized: false }
 */
export function statusMapper<S extends string>(
  table: StatusTable<S>,
  fallback: S,
): (raw: string) => MappedStatus<S> {
  const lookup = new Map<string, S>();
  for (const [status, words] of Object.entries(table) as [S, readonly string[]][]) {
    for (const word of words) lookup.set(word.trim().toLowerCase(), status);
  }
  return (raw) => {
    const status = lookup.get(String(raw).trim().toLowerCase());
    return status === undefined
      ? { status: fallback, raw, recognized: false }
      : { status, raw, recognized: true };
  };
}
