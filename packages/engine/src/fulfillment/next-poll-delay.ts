import type { VendorAdapter } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';
import { learnedPollDelay } from './learned-poll-delay';
import { settleProductOf } from './settle-times';

/** Whether a verified webhook of this vendor came recently enough that polling is only the safety net. */
export function webhooksArriving(ctx: EngineContext, vendor: string): boolean {
  const seen = ctx.webhookSeenAt.get(vendor);
  return seen !== undefined && ctx.clock.now() - seen < ctx.tuning.webhookFreshnessMs;
}

/**
 * When the vendor took the order, epoch ms. The deadline is set at placement from `limits.deadlineMs` (and
 * reset with it on a retry), so it tells without another column or a read of the attempt log.
 */
export function placedAtOf(record: OrderRecord, adapter: VendorAdapter): number | undefined {
  return record.deadlineAt === undefined ? undefined : record.deadlineAt - adapter.limits.deadlineMs;
}

/** The wait before the first status call of an order the vendor has just taken. */
export async function firstPollDelay(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
): Promise<number> {
  return learnedPollDelay({
    schedule: adapter.limits.poll,
    learned: await ctx.settleTimes.quantilesFor(record),
    elapsedMs: 0,
    statusCalls: 0,
    webhooksArriving: webhooksArriving(ctx, record.vendor),
    webhookStretch: ctx.tuning.webhookPollStretch,
    random: ctx.tuning.random,
  });
}

/** The wait after the status call just made (`record` as it was before it) that found the order open. */
export async function nextPollDelay(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  now: number,
): Promise<number> {
  const placedAt = placedAtOf(record, adapter);
  return learnedPollDelay({
    schedule: adapter.limits.poll,
    learned: placedAt === undefined ? undefined : await ctx.settleTimes.quantilesFor(record),
    elapsedMs: placedAt === undefined ? 0 : Math.max(0, now - placedAt),
    statusCalls: record.pollCount + 1,
    webhooksArriving: webhooksArriving(ctx, record.vendor),
    webhookStretch: ctx.tuning.webhookPollStretch,
    random: ctx.tuning.random,
  });
}

/**
 * Learns from an order the engine has just seen final (`record` as it was before): it settled after the
 * previous call that found it open (`updatedAt`: every call writes the record) and by the vendor's answer
 * (`answeredAt`, not after the write that followed: on a busy store that write is slow, and every sample
 * would end late). A call made ahead of its appointment (`calledAt`) was asked for by a webhook, which came
 * as the order settled: then the moment is exact.
 */
export async function learnSettleTime(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  calledAt: number,
  answeredAt: number,
): Promise<void> {
  const placedAt = placedAtOf(record, adapter);
  if (placedAt === undefined) return;
  const now = ctx.clock.now();
  const settledMs = Math.max(0, Math.round(answeredAt - placedAt));
  const early = record.nextActionAt !== undefined && record.nextActionAt > calledAt;
  const lastOpen = Date.parse(record.updatedAt) - placedAt;
  const openMs = early ? settledMs : Math.min(settledMs, Math.max(0, Math.round(lastOpen)));
  const productId = settleProductOf(record);
  await ctx.settleTimes.record({
    vendor: record.vendor,
    ...(productId === undefined ? {} : { productId }),
    openMs,
    settledMs,
    recordedAt: new Date(now).toISOString(),
  });
}
