import { checkWithVendor } from '../check-with-vendor';
import { IdempotencyConflictError } from '../errors';
import type { OrderRecord } from '../order-record';
import { requestHash } from '../request-hash';
import { parseSubmitInput, type SubmitInput } from '../submit-input';
import type { FulfillmentOrder } from '../to-fulfillment-order';
import type { CommandContext } from './command-context';

export interface SubmitResult {
  order: FulfillmentOrder;
  /** False when the same request was submitted before under this reference. */
  created: boolean;
}

/** `Fulfiller.submit`: validates and stores an order, then schedules its placement. */
export async function submitOrder(ctx: CommandContext, input: SubmitInput): Promise<SubmitResult> {
  const { vendors, store, logger, clock, view } = ctx;
  const valid = parseSubmitInput(input, vendors);
  await ctx.ready();
  // A repeated submission returns the stored order as it is, whatever the catalog says today.
  if (!(await store.get(valid.request.reference))) {
    await checkWithVendor(vendors.get(valid.vendor)!, valid.request, logger);
  }
  const now = Math.ceil(clock.now());
  const at = new Date(now).toISOString();
  const record: OrderRecord = {
    reference: valid.request.reference,
    vendor: valid.vendor,
    state: 'accepted',
    status: 'pending',
    request: valid.request,
    requestHash: requestHash({
      vendor: valid.vendor,
      request: valid.request,
      shopOrderId: valid.shopOrderId,
      customerId: valid.customerId,
    }),
    placeAttempts: 0,
    pollCount: 0,
    nextActionAt: now,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if (valid.shopOrderId !== undefined) record.shopOrderId = valid.shopOrderId;
  if (valid.customerId !== undefined) record.customerId = valid.customerId;
  const result = await store.create(record, {
    reference: record.reference,
    at,
    action: 'submit',
    fromState: null,
    toState: 'accepted',
    outcome: 'ok',
    detail: { lines: record.request.lines.length },
  });
  if (!result.created) {
    if (result.record.requestHash !== record.requestHash)
      throw new IdempotencyConflictError(record.reference);
    return { order: view(result.record), created: false };
  }
  logger.info({ reference: record.reference, vendor: record.vendor }, 'order accepted');
  ctx.emit('order.updated', result.record);
  await ctx.scheduler.schedule(record.reference, now);
  return { order: view(result.record), created: true };
}
