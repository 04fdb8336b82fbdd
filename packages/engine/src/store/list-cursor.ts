import { ValidationError } from '@giftwire/core';
import { z } from 'zod';
import type { OrderRecord } from '../order-record';
import type { OrderPage } from './order-store';

/** Where a page ended: `list` resumes strictly after this (created_at, reference) in newest-first order. */
export interface ListPosition {
  createdAt: string;
  reference: string;
}

const CursorSchema = z.tuple([z.iso.datetime(), z.string().min(1)]);

/** Opaque to callers: base64url of a small JSON tuple, so its shape can change without breaking them. */
export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.reference]), 'utf8').toString('base64url');
}

/** Cursors come from outside (query strings), so they are checked like any other input. */
export function decodeListCursor(cursor: string): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success)
    throw new ValidationError('order query', [{ path: 'cursor', message: 'is not a cursor' }]);
  const [createdAt, reference] = result.data;
  return { createdAt, reference };
}

/**
 * Turns `limit + 1` newest-first rows into a page: the extra row only says that another page exists, and the
 * cursor points after the last record kept.
 */
export function pageOf<Row>(
  rows: readonly Row[],
  limit: number,
  decode: (row: Row) => OrderRecord,
): OrderPage {
  const records = rows.slice(0, limit).map(decode);
  const last = records[records.length - 1];
  return rows.length > limit && last
    ? { records, nextCursor: encodeListCursor({ createdAt: last.createdAt, reference: last.reference }) }
    : { records };
}
