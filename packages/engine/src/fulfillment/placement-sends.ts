import type { AttemptLogEntry } from '../order-record';
import type { EngineContext } from './engine-context';

/**
 * Detail that marks an attempt entry written just before a placement leaves for the vendor (the first send
 * and every re-send under the same reference). The trail is then the proof of what this engine ever sent.
 */
export const SENDS_PLACEMENT = { sendsPlacement: true } as const;

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
