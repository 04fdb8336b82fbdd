import { type GiftCardOrder, isFinal } from '@giftwire/core';
import { sealOrder } from '../crypto/sealed-order';
import { ACTIVE_STATES, type AttemptLogEntry, type OrderRecord } from '../order-record';
import type { AttemptInput, EngineContext } from './engine-context';
import { VENDOR_ORDER_MISMATCH, vendorOrderMatchesRequest } from './vendor-order-matches-request';

export type RecordChanges = Partial<Omit<OrderRecord, 'reference' | 'version' | 'createdAt' | 'updatedAt'>>;

/**
 * Every state change goes through here: one compare-and-set write of the record together with its attempt
 * entry, then events and the next schedule. `undefined` means another writer moved the order first; the
 * caller stops, since that writer now owns the next step.
 */
export async function writeTransition(
  ctx: EngineContext,
  record: OrderRecord,
  changes: RecordChanges,
  attempt: AttemptInput,
): Promise<OrderRecord | undefined> {
  const now = ctx.clock.now();
  const next = { ...record, ...changes, updatedAt: new Date(now).toISOString(), version: record.version + 1 };
  for (const key of Object.keys(next) as (keyof OrderRecord)[]) {
    if (next[key] === undefined) delete next[key];
  }
  // Stores keep epoch milliseconds as integers; a fractional clock or Retry-After must not fail the write.
  if (next.nextActionAt !== undefined) next.nextActionAt = Math.ceil(next.nextActionAt);
  if (next.deadlineAt !== undefined) next.deadlineAt = Math.ceil(next.deadlineAt);
  const entry: AttemptLogEntry = {
    reference: record.reference,
    at: next.updatedAt,
    fromState: record.state,
    toState: next.state,
    ...attempt,
  };
  const stored = await ctx.store.transition(next, record.version, entry);
  if (!stored) {
    ctx.logger.debug(
      { reference: record.reference, version: record.version },
      'order moved on elsewhere; stepping back',
    );
    return undefined;
  }
  ctx.logger.info(
    {
      reference: stored.reference,
      vendor: stored.vendor,
      from: record.state,
      to: stored.state,
      status: stored.status,
      action: attempt.action,
      outcome: attempt.outcome,
    },
    'order transition',
  );
  ctx.emit('order.updated', stored);
  if (stored.state === 'settled' && record.state !== 'settled') ctx.emit('order.settled', stored);
  if (stored.state === 'needs_attention' && record.state !== 'needs_attention') {
    ctx.logger.warn(
      { reference: stored.reference, vendor: stored.vendor, attention: stored.attention },
      'order needs attention',
    );
    ctx.emit('order.needs_attention', stored);
  }
  if (stored.nextActionAt !== undefined && ACTIVE_STATES.includes(stored.state)) {
    await ctx.scheduler.schedule(stored.reference, stored.nextActionAt);
  }
  return stored;
}

/**
 * The changes that record what the vendor reported; a final status settles the order, unless the caller says
 * it is a partial answer still converging. Every vendor order the
 * engine records passes through here, so every one is checked against what was sent: one that is not ours
 * (another reference, other lines or face values, more cards than asked) is never adopted. It goes to
 * `needs_attention` with {@link VENDOR_ORDER_MISMATCH}, sealed for staff, its status, vendor id and codes kept
 * off the record and out of every public view.
 */
export function vendorOrderChanges(
  ctx: EngineContext,
  record: OrderRecord,
  order: GiftCardOrder,
  { stillConverging = false }: { stillConverging?: boolean } = {},
): RecordChanges {
  const match = vendorOrderMatchesRequest(record.request, order);
  if (!match.ok) {
    ctx.logger.warn(
      { reference: record.reference, vendor: record.vendor, problems: match.problems },
      'the vendor order does not match what was sent; kept sealed for staff, codes withheld',
    );
    return vendorOrderMismatch(ctx, record, order, match.problems.join('; '));
  }
  const changes: RecordChanges = {
    status: order.status,
    sealedOrder: sealOrder(order, ctx.cipher, record.reference),
    vendorOrderId: order.vendorOrderId ?? record.vendorOrderId,
  };
  // A partial answer that may still change (`partialStillConverging`) is recorded but not settled.
  if (isFinal(order.status) && !stillConverging) {
    changes.state = 'settled';
    changes.nextActionAt = undefined;
  }
  return changes;
}

/**
 * A vendor order that is not ours: kept sealed (for `inspect`), nothing of it on the record's plain columns.
 * `order` is absent when the vendor's answer itself says the order is someone else's (a duplicate reference
 * on our first send).
 */
export function vendorOrderMismatch(
  ctx: EngineContext,
  record: OrderRecord,
  order: GiftCardOrder | undefined,
  why: string,
): RecordChanges {
  const changes = attentionChanges(
    ctx,
    VENDOR_ORDER_MISMATCH,
    `the vendor's order is not the one this engine sent (${why}); it is not adopted and its codes are shown to nobody`,
  );
  if (order) changes.sealedOrder = sealOrder(order, ctx.cipher, record.reference);
  return changes;
}

export function attentionChanges(ctx: EngineContext, reason: string, message: string): RecordChanges {
  return {
    state: 'needs_attention',
    nextActionAt: undefined,
    attention: { reason, message, at: new Date(ctx.clock.now()).toISOString() },
  };
}

/**
 * An order the vendor refused outright, or that was cancelled before it was sent: final, with the
 * request's lines and no vouchers, so the settlement summary reports every unit as not charged.
 */
export function closedWithoutVendor(
  record: OrderRecord,
  status: 'failed' | 'cancelled',
  now: number,
  failure?: { code: string; message: string },
): GiftCardOrder {
  const order: GiftCardOrder = {
    vendor: record.vendor,
    reference: record.reference,
    status,
    lines: record.request.lines.map((line) => ({ ...line, vouchers: [] })),
    updatedAt: new Date(now).toISOString(),
  };
  if (failure) order.failure = failure;
  return order;
}
