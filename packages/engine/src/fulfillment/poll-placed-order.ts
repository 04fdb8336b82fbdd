import { type GiftCardOrder, isFinal, type VendorAdapter, VendorApiError } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { learnSettleTime, nextPollDelay, webhooksArriving } from './next-poll-delay';
import { issuedCount, partialStillConverging } from './partial-still-converging';
import { pollDelay, retryDelay } from './poll-delay';
import { VENDOR_ORDER_MISMATCH } from './vendor-order-matches-request';
import { attentionChanges, vendorOrderChanges, writeTransition } from './write-transition';

/** Poll intervals stretch while the vendor's webhooks arrive: then polling is only the safety net. */
function stretchFor(ctx: EngineContext, vendor: string): number {
  return webhooksArriving(ctx, vendor) ? ctx.tuning.webhookPollStretch : 1;
}

/** placed → (poll) → settled, with deadline and cancel handling on the way. */
export async function pollPlacedOrder(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
): Promise<void> {
  const now = ctx.clock.now();
  const canCancel = adapter.capabilities.cancel && adapter.cancelOrder !== undefined;
  const pastDeadline = record.deadlineAt !== undefined && now >= record.deadlineAt;

  if (pastDeadline && !record.cancelRequested) {
    const policy = adapter.limits.cancelAtDeadline;
    if (policy !== 'unsupported' && canCancel) {
      // The vendor may have finished the order while nobody could look (the database was down, the process
      // stopped): a final order is delivered, never cancelled — a reversal would take back cards the customer
      // paid for. Read first; cancel only what is still open (Budgetree's own guidance: COMPLETE → fetch the
      // cards, otherwise cancel).
      // A failed read is retried, never answered with a blind cancel: the order may be complete.
      const current = await readOrder(ctx, record, adapter, { deadlineReached: true });
      if (current === undefined) return;
      if (isFinal(current.status)) {
        await refreshOrder(ctx, record, adapter, { deadlineReached: true, read: current });
        return;
      }
      await requestVendorCancel(ctx, record, adapter, 'deadline');
      return;
    }
    await refreshOrder(ctx, record, adapter, { deadlineReached: true });
    return;
  }
  if (record.cancelRequested && canCancel && !pastDeadline && !(await cancelAlreadySent(ctx, record))) {
    const cancelled = await requestVendorCancel(ctx, record, adapter, 'cancel');
    if (cancelled) return;
  }
  await refreshOrder(ctx, record, adapter, { deadlineReached: pastDeadline });
}

/**
 * A vendor may accept a cancel and finish it later (202): ask once, then follow the order. Only orders with
 * a pending cancel wish pay for this read of their attempt log.
 */
async function cancelAlreadySent(ctx: EngineContext, record: OrderRecord): Promise<boolean> {
  const attempts = await ctx.store.attempts(record.reference);
  return attempts.some((a) => a.outcome === 'ok' && a.detail?.cancel !== undefined);
}

/** Asks the vendor to cancel, then re-fetches: the vendor's answer to Get Order is the truth. */
async function requestVendorCancel(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  why: 'deadline' | 'cancel',
): Promise<boolean> {
  try {
    const result = await adapter.cancelOrder!({
      reference: record.reference,
      vendorOrderId: record.vendorOrderId,
    });
    const marked = await writeTransition(
      ctx,
      record,
      { cancelRequested: true },
      {
        action: why === 'deadline' ? 'deadline' : 'cancel',
        outcome: 'ok',
        detail: { cancel: result.outcome },
      },
    );
    if (marked) await refreshOrder(ctx, marked, adapter, { deadlineReached: why === 'deadline' });
    return true;
  } catch (error) {
    const code = VendorApiError.isInstance(error) ? error.code : 'unexpected';
    ctx.logger.warn({ reference: record.reference, err: error }, 'vendor cancel failed');
    if (why === 'deadline') {
      // A vendor refuses to cancel an order it has just finished: read again, and deliver what is final.
      const after = await adapter
        .getOrder({ reference: record.reference, vendorOrderId: record.vendorOrderId })
        .catch(() => undefined);
      if (after && isFinal(after.status)) {
        await refreshOrder(ctx, record, adapter, { deadlineReached: true, read: after });
        return true;
      }
      await writeTransition(
        ctx,
        record,
        attentionChanges(
          ctx,
          'cancel_failed',
          `past its deadline and the vendor refused to cancel (${code})`,
        ),
        {
          action: 'deadline',
          outcome: 'error',
          detail: { errorCode: code },
        },
      );
      return true;
    }
    return false;
  }
}

async function refreshOrder(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  { deadlineReached, read }: { deadlineReached: boolean; read?: GiftCardOrder },
): Promise<void> {
  const now = ctx.clock.now();
  // `read`: the vendor's answer the caller has just had, not asked for twice.
  const order = read ?? (await readOrder(ctx, record, adapter, { deadlineReached }));
  if (order === undefined) return;
  // The vendor's answer says the order was in this state by now: the moment a settle sample ends.
  const answeredAt = ctx.clock.now();
  const stillConverging = await partialStillConverging(ctx, record, order, adapter.limits, {
    deadlineReached,
  });
  const changes = vendorOrderChanges(ctx, record, order, { stillConverging });
  if (changes.attention?.reason === VENDOR_ORDER_MISMATCH) {
    // Another order than ours (another reference, other lines): flagged, never adopted, even if final.
    await writeTransition(
      ctx,
      record,
      { ...changes, pollCount: record.pollCount + 1 },
      { action: 'poll', outcome: 'error', detail: { attention: VENDOR_ORDER_MISMATCH } },
    );
    return;
  }
  if (!isFinal(order.status) || stillConverging) {
    if (deadlineReached) {
      Object.assign(
        changes,
        record.cancelRequested && adapter.limits.cancelAtDeadline !== 'unsupported'
          ? { nextActionAt: now + retryDelay(record.pollCount + 1, ctx.tuning.random) }
          : attentionChanges(ctx, 'deadline_exceeded', `still ${order.status} after the vendor's deadline`),
      );
      // A cancel that was asked for but never confirmed within a further deadline goes to a person.
      if (
        record.cancelRequested &&
        record.deadlineAt !== undefined &&
        now >= record.deadlineAt + adapter.limits.deadlineMs
      ) {
        Object.assign(
          changes,
          attentionChanges(ctx, 'cancel_unconfirmed', 'cancel requested but the vendor has not confirmed it'),
        );
      }
    } else {
      // A partial answer still converging keeps the vendor's schedule: the learned moments are for settling.
      const next =
        now +
        (stillConverging
          ? pollDelay(
              adapter.limits.poll,
              record.pollCount,
              ctx.tuning.random,
              stretchFor(ctx, record.vendor),
            )
          : await nextPollDelay(ctx, record, adapter, now));
      // Never sleep past the deadline: the deadline step must run on time.
      changes.nextActionAt = record.deadlineAt === undefined ? next : Math.min(next, record.deadlineAt);
    }
  }
  const stored = await writeTransition(
    ctx,
    record,
    { ...changes, pollCount: record.pollCount + 1 },
    // Only normalized words in the trail: a vendor's raw status text is sealed with its order.
    // `issued` lets the next answer tell whether a partial order is still changing.
    { action: 'poll', outcome: 'ok', detail: { status: order.status, issued: issuedCount(order) } },
  );
  // Orders settled in time teach when to poll; one past its deadline says only that something went wrong.
  if (stored?.state === 'settled' && !deadlineReached) {
    await learnSettleTime(ctx, record, adapter, now, answeredAt);
  }
}

/**
 * Reads the vendor's order; a failure is written to the trail and answered with a later retry, or — past
 * the deadline, for an error that will not pass — a person. Returns undefined when the read failed (the
 * record has been written).
 */
async function readOrder(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  { deadlineReached }: { deadlineReached: boolean },
): Promise<GiftCardOrder | undefined> {
  try {
    return await adapter.getOrder({ reference: record.reference, vendorOrderId: record.vendorOrderId });
  } catch (error) {
    const now = ctx.clock.now();
    const retryable = VendorApiError.isInstance(error) && error.retryable;
    const code = VendorApiError.isInstance(error) ? error.code : 'unexpected';
    // A read that may pass is retried even past the deadline, with backoff: whether to deliver or to cancel
    // is decided on the vendor's answer, never without one.
    const giveUp = deadlineReached && !retryable;
    await writeTransition(
      ctx,
      record,
      giveUp
        ? attentionChanges(ctx, 'status_unavailable', `cannot read the order's status (${code})`)
        : {
            pollCount: record.pollCount + 1,
            nextActionAt: now + retryDelay(record.pollCount + 1, ctx.tuning.random),
          },
      { action: 'poll', outcome: 'error', detail: { errorCode: code } },
    );
    return undefined;
  }
}
