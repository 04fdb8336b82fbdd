import { type OrderStatus, type PlaceOrderRequest, ValidationError } from '@giftwire/core';
import type { AttentionReason, FulfillmentState, OrderRecord } from '../order-record';
import { FieldIssues, INT4_MAX, STATES, STATUSES } from './field-issues';
import { isoTimestamp, parseStoredJson } from './parse-stored-json';
import type { OrderRow, OrderValues } from './row-values';
import { storedReference } from './stored-reference';

export function encodeOrder(record: OrderRecord): OrderValues {
  const issues = new FieldIssues();
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
