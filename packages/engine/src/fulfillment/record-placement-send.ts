import type { AttemptLogEntry, OrderRecord } from '../order-record';
import type { AttemptInput, EngineContext } from './engine-context';
import { type RecordChanges, writeTransition } from './write-transition';

/**
 * Detail that marks an attempt entry written just before a placement leaves for the vendor (the first send
 * and every re-send under the same reference). The trail is then the proof of what this engine ever sent.
 */
export const SENDS_PLACEMENT = { sendsPlacement: true } as const;

/**
 * Counts one more placement attempt, marked as a send, just before the request leaves (with `changes`, e.g.
 * `state: 'placing'` on the first send): a process that dies after this finds the order to reconcile by
 * reference, never to place blindly. Undefined when another writer moved the order first (then nothing may be
 * sent).
 */
export function recordPlacementSend(
  ctx: EngineContext,
  record: OrderRecord,
  attempt: AttemptInput,
  changes: RecordChanges = {},
): Promise<OrderRecord | undefined> {
  return writeTransition(
    ctx,
    record,
    {
      ...changes,
      placeAttempts: record.placeAttempts + 1,
      nextActionAt: ctx.clock.now() + ctx.tuning.placementGraceMs,
    },
    { ...attempt, detail: { ...attempt.detail, ...SENDS_PLACEMENT } },
  );
}

function isSend(entry: AttemptLogEntry): boolean {
  return entry.detail?.sendsPlacement === true;
}

/**
 * Whether this engine had sent the reference before the send now being answered. A vendor's "duplicate
 * reference" answer to the first send of a reference cannot be an earlier attempt of ours landing: the
 * order there was placed by someone else (another shop or engine on the same vendor account), and must never
 * be adopted.
 */
export async function sentBeforeThisSend(ctx: EngineContext, reference: string): Promise<boolean> {
  const attempts = await ctx.store.attempts(reference);
  return attempts.filter(isSend).length > 1;
}
