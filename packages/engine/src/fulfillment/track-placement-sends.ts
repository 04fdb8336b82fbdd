import { type CallOptions, GiftwireError, type VendorAdapter } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { AttemptInput, EngineContext } from './engine-context';
import { recordPlacementSend } from './record-placement-send';

/** Thrown from `onSend` when another writer moved the order while its placement waited: do not send. */
export class PlacementSupersededError extends GiftwireError {
  static override readonly errorName: string = 'PlacementSupersededError';

  constructor(reference: string) {
    super(`order ${reference} moved on while its placement waited to be sent; not sending it`);
  }
}

export interface PlacementSendTracker {
  /** What to pass to `placeOrder`. */
  readonly options: CallOptions;
  /** The order as last written: after `placing` was recorded, that record. */
  readonly current: OrderRecord;
  /** Whether the adapter reported that the request was about to leave (it may have reached the vendor). */
  readonly sent: boolean;
  /**
   * When the adapter's last reported request left (epoch ms): the vendor's own clock for the order starts
   * about then, not when its answer is read. Undefined for an adapter that reports no sends.
   */
  readonly sentAt: number | undefined;
}

/**
 * Counts a placement attempt when it is sent, not when it starts waiting. With an adapter that reports its
 * sends (`capabilities.reportsSend`), `placing` and `placeAttempts + 1` are written in `onSend` — after the
 * rate limiter's permit, before the first byte — so a process that dies while waiting for a permit leaves
 * the order as it was (`accepted`, nothing counted) instead of burning an attempt, while every request that
 * may reach the vendor still finds `placing` durably stored first. If the write loses (a cancel, another
 * process), `onSend` throws `PlacementSupersededError` and nothing is sent.
 */
export function trackPlacementSends(
  ctx: EngineContext,
  record: OrderRecord,
  adapter: VendorAdapter,
  attempt: AttemptInput,
): PlacementSendTracker {
  let current = record;
  let sent = false;
  let sentAt: number | undefined;
  const options: CallOptions = adapter.capabilities.reportsSend
    ? {
        onSend: async () => {
          // The write just before the request leaves: the trail's proof of what this engine ever sent.
          const written = await recordPlacementSend(ctx, current, attempt, { state: 'placing' });
          if (!written) throw new PlacementSupersededError(record.reference);
          current = written;
          sent = true;
          sentAt = ctx.clock.now();
        },
      }
    : {};
  return {
    options,
    get current() {
      return current;
    },
    get sent() {
      return sent;
    },
    get sentAt() {
      return sentAt;
    },
  };
}
