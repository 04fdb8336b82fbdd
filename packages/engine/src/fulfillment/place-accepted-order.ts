import { type GiftCardOrder, type VendorAdapter, VendorApiError } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import { classifyPlacementError } from './classify-placement-error';
import type { AttemptInput, EngineContext } from './engine-context';
import { firstPollDelay } from './next-poll-delay';
import { issuedCount, partialStillConverging } from './partial-still-converging';
import { retryDelay } from './poll-delay';
import { recordPlacementSend, sentBeforeThisSend } from './record-placement-send';
import { PlacementSupersededError, trackPlacementSends } from './track-placement-sends';
import { unsentRetryDelay } from './unsent-retry-delay';
import { VENDOR_ORDER_MISMATCH } from './vendor-order-matches-request';
import {
  attentionChanges,
  closedWithoutVendor,
  type RecordChanges,
  vendorOrderChanges,
  vendorOrderMismatch,
  writeTransition,
} from './write-transition';

function cardCount(record: OrderRecord): number {
  return record.request.lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** Writes `changes` while placement attempts remain; once they are used up, hands the order to a person. */
async function writeUnlessExhausted(
  ctx: EngineContext,
  record: OrderRecord,
  changes: RecordChanges,
  [reason, message]: [reason: string, message: string],
  attempt: AttemptInput,
): Promise<void> {
  const exhausted = record.placeAttempts >= ctx.tuning.maxPlaceAttempts;
  await writeTransition(ctx, record, exhausted ? attentionChanges(ctx, reason, message) : changes, attempt);
}

/**
 * accepted → placing → placed. The `placing` write happens before the first byte goes out, so a crash at
 * any later point leaves an order that a restart reconciles by reference instead of placing blindly.
 */
export async function placeAcceptedOrder(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
): Promise<void> {
  if (record.placeAttempts >= ctx.tuning.maxPlaceAttempts) {
    await writeTransition(
      ctx,
      record,
      attentionChanges(
        ctx,
        'placement_exhausted',
        `gave up after ${record.placeAttempts} placement attempts`,
      ),
      {
        action: 'place',
        outcome: 'error',
      },
    );
    return;
  }
  const attempt: AttemptInput = {
    action: 'place',
    outcome: 'ok',
    detail: { lines: record.request.lines.length, cards: cardCount(record) },
  };
  if (adapter.capabilities.reportsSend) {
    // `placing` is written when the request is about to leave, after the rate limiter's wait.
    await sendPlacement(ctx, record, adapter, attempt);
    return;
  }
  const placing = await recordPlacementSend(ctx, record, attempt, { state: 'placing' });
  if (placing) await sendPlacement(ctx, placing, adapter);
}

/**
 * Sends (or re-sends, under the same reference) a placement. The order is already in `placing`, or — with an
 * adapter that reports its sends — is written to `placing` by `onSend` just before the request leaves.
 */
export async function sendPlacement(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  attempt: AttemptInput = { action: 'place', outcome: 'ok', detail: { resend: true } },
): Promise<void> {
  const sends = trackPlacementSends(ctx, record, adapter, attempt);
  // An adapter that reports no sends sends at once: the order is already `placing`.
  const calledAt = ctx.clock.now();
  let result: Awaited<ReturnType<VendorAdapter['placeOrder']>>;
  try {
    result = await adapter.placeOrder(record.request, sends.options);
  } catch (error) {
    // Another writer moved the order while it waited to be sent; that writer owns the next step.
    if (PlacementSupersededError.isInstance(error)) return;
    await handlePlacementError(ctx, sends.current, adapter, error);
    return;
  }
  await markPlaced(ctx, sends.current, adapter, result.vendorOrderId, result.order, 'place', {
    sentAt: sends.sentAt ?? calledAt,
  });
}

/**
 * The vendor has the order: follow it from then on, within its deadline. `sentAt`, when the placement that the
 * vendor answered was sent, is when the order's clock starts (deadline, first status call, settle samples):
 * the vendor's own clock started when the request arrived, and the time its answer took to be read — long on
 * a busy process — must not push every status call later than the order's settling, nor blur what is learned.
 */
export async function markPlaced(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  vendorOrderId: string | undefined,
  order: GiftCardOrder | undefined,
  action: 'place' | 'lookup',
  { sentAt }: { sentAt?: number } = {},
): Promise<OrderRecord | undefined> {
  const now = ctx.clock.now();
  const placedAt = Math.min(now, sentAt ?? now);
  // An instant product may be answered partially delivered at once; a vendor whose partial answers still
  // change has its order followed like any other that is not final.
  const stillConverging =
    order !== undefined &&
    (await partialStillConverging(ctx, record, order, adapter.limits, { deadlineReached: false }));
  const recorded = order ? vendorOrderChanges(ctx, record, order, { stillConverging }) : {};
  if (recorded.attention?.reason === VENDOR_ORDER_MISMATCH) {
    // Not ours: none of it (its vendor id included) is taken onto the record.
    return writeTransition(ctx, record, recorded, {
      action,
      outcome: 'error',
      detail: { found: true, attention: VENDOR_ORDER_MISMATCH },
    });
  }
  const deadlineAt = record.deadlineAt ?? placedAt + adapter.limits.deadlineMs;
  const changes = {
    state: 'placed' as const,
    vendorOrderId: vendorOrderId ?? record.vendorOrderId,
    deadlineAt,
    pollCount: 0,
    // Never first look past the deadline: the deadline step (cancel, or a person) must run on time.
    nextActionAt: Math.min(
      deadlineAt,
      Math.max(now, placedAt + (await firstPollDelay(ctx, record, adapter))),
    ),
    ...recorded,
  };
  // Only normalized words in the trail: a vendor's raw status text is sealed with its order.
  return writeTransition(ctx, record, changes, {
    action,
    outcome: 'ok',
    detail: {
      found: true,
      vendorOrderId: changes.vendorOrderId,
      status: order?.status,
      issued: order ? issuedCount(order) : undefined,
    },
  });
}

async function handlePlacementError(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  error: unknown,
): Promise<void> {
  const outcome = classifyPlacementError(error);
  const now = ctx.clock.now();
  ctx.logger.warn(
    { reference: record.reference, vendor: record.vendor, outcome: outcome.kind, err: error },
    'placement did not succeed',
  );
  switch (outcome.kind) {
    case 'duplicate':
      if (!(await sentBeforeThisSend(ctx, record.reference))) {
        // Our first send of this reference, and the vendor already holds it: someone else placed it.
        await writeTransition(
          ctx,
          record,
          vendorOrderMismatch(
            ctx,
            record,
            undefined,
            'the vendor already held this reference before this engine first sent it',
          ),
          { action: 'place', outcome: 'error', detail: { errorCode: 'duplicate_reference' } },
        );
        return;
      }
      // The vendor already holds this reference: an earlier attempt of ours landed. Find it.
      await reconcilePlacement(ctx, record, adapter, { afterDuplicate: true });
      return;
    case 'unknown':
      await writeUnlessExhausted(
        ctx,
        record,
        { nextActionAt: now + retryDelay(record.placeAttempts, ctx.tuning.random) },
        ['outcome_unresolved', `placement outcome still unknown after ${record.placeAttempts} attempts`],
        { action: 'place', outcome: 'unknown', detail: { reason: outcome.reason } },
      );
      return;
    case 'retry': {
      // Nothing was taken: back to `accepted`, to be placed again later under the same reference. Still
      // `accepted` here means it was never sent (an adapter reporting its sends had not sent it).
      const backoff =
        record.state === 'accepted'
          ? await unsentRetryDelay(ctx, record)
          : retryDelay(record.placeAttempts, ctx.tuning.random);
      await writeUnlessExhausted(
        ctx,
        record,
        { state: 'accepted', nextActionAt: now + Math.max(outcome.retryAfterMs ?? 0, backoff) },
        [outcome.code, `vendor kept refusing (${outcome.code}) after ${record.placeAttempts} attempts`],
        { action: 'place', outcome: 'error', detail: { errorCode: outcome.code } },
      );
      return;
    }
    case 'attention':
      await writeTransition(ctx, record, attentionChanges(ctx, outcome.code, outcome.message), {
        action: 'place',
        outcome: 'error',
        detail: { errorCode: outcome.code },
      });
      return;
    case 'failed': {
      const failure = { code: outcome.code, message: outcome.message };
      const closed = closedWithoutVendor(record, 'failed', now, failure);
      await writeTransition(
        ctx,
        record,
        { ...vendorOrderChanges(ctx, record, closed) },
        {
          action: 'place',
          outcome: 'error',
          detail: { errorCode: outcome.code },
        },
      );
      return;
    }
  }
}

/**
 * An order found in `placing`: a placement may be on the wire or lost. Resolve it the way the vendor
 * allows — replay under the same key, or look it up by reference — never by placing under a new key.
 */
export async function reconcilePlacement(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  options: { afterDuplicate?: boolean } = {},
): Promise<void> {
  const { capabilities } = adapter;
  if (record.placeAttempts >= ctx.tuning.maxPlaceAttempts + 2) {
    await writeTransition(
      ctx,
      record,
      attentionChanges(ctx, 'outcome_unresolved', 'could not reconcile the placement'),
      {
        action: 'lookup',
        outcome: 'error',
      },
    );
    return;
  }
  if (capabilities.lookupByReference) {
    let order: GiftCardOrder | undefined;
    try {
      order = await adapter.getOrder({ reference: record.reference, vendorOrderId: record.vendorOrderId });
    } catch (error) {
      if (VendorApiError.isInstance(error) && error.code === 'not_found' && !options.afterDuplicate) {
        // It never landed: sending again under the same reference is safe (the vendor refuses duplicates).
        await resendUnderSameReference(ctx, record, adapter, {
          action: 'lookup',
          outcome: 'ok',
          detail: { found: false },
        });
        return;
      }
      const retryable = VendorApiError.isInstance(error) && (error.retryable || error.code === 'not_found');
      await writeTransition(
        ctx,
        record,
        retryable
          ? {
              placeAttempts: record.placeAttempts + 1,
              nextActionAt: ctx.clock.now() + retryDelay(record.placeAttempts, ctx.tuning.random),
            }
          : attentionChanges(
              ctx,
              'outcome_unresolved',
              `lookup by reference failed: ${error instanceof Error ? error.message : 'unknown error'}`,
            ),
        {
          action: 'lookup',
          outcome: 'error',
          detail: { errorCode: VendorApiError.isInstance(error) ? error.code : 'unexpected' },
        },
      );
      return;
    }
    await markPlaced(ctx, record, adapter, order.vendorOrderId, order, 'lookup');
    return;
  }
  if (capabilities.idempotentReplay) {
    await resendUnderSameReference(ctx, record, adapter, {
      action: 'retry',
      outcome: 'ok',
      detail: { replay: true },
    });
    return;
  }
  await writeTransition(
    ctx,
    record,
    attentionChanges(
      ctx,
      'outcome_unresolved',
      'the vendor offers neither lookup by reference nor idempotent replay',
    ),
    { action: 'lookup', outcome: 'error' },
  );
}

/** Counts and records one more placement attempt (before it leaves), then sends it under the same key. */
async function resendUnderSameReference(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  attempt: AttemptInput,
): Promise<void> {
  if (adapter.capabilities.reportsSend) {
    // Record what the lookup found; the attempt is counted by `onSend`, when the resend leaves.
    const looked = await writeTransition(
      ctx,
      record,
      { nextActionAt: ctx.clock.now() + ctx.tuning.placementGraceMs },
      attempt,
    );
    if (looked) await sendPlacement(ctx, looked, adapter);
    return;
  }
  const again = await recordPlacementSend(ctx, record, attempt);
  if (again) await sendPlacement(ctx, again, adapter);
}
