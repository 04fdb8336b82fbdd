import type { AnyVendorSandbox } from '@giftwire/conformance';
import { normalizeReference } from '@giftwire/core';

/** How often the sandboxes are read: the resolution of "first seen" and "final" times. */
export const WATCH_EVERY_MS = 50;

/** When the watcher first saw each reference at its vendor, and first saw it final. */
export interface VendorOrderWatch {
  readonly placedAt: ReadonlyMap<string, number>;
  readonly finalAt: ReadonlyMap<string, number>;
  stop(): void;
}

/**
 * Reads every sandbox's orders every 50 ms and notes, per normalized reference in `tracked`, when it first
 * appeared and when it was first final: the sandboxes' order summaries carry no times of their own, so the
 * load part's "vendor settled" clock is this poll. `onFinal` runs once per reference, when it turns final.
 *
 * @example
 * const watch = watchVendorOrders(sandboxes, (ref) => tracked.has(ref), (ref, at) => follow(ref, at));
 */
export function watchVendorOrders(
  sandboxes: readonly AnyVendorSandbox[],
  tracked: (reference: string) => boolean,
  onFinal: (reference: string, at: number) => void,
): VendorOrderWatch {
  const placedAt = new Map<string, number>();
  const finalAt = new Map<string, number>();
  const read = () => {
    const now = Date.now();
    for (const sandbox of sandboxes)
      for (const order of sandbox.orders()) {
        const reference = normalizeReference(order.reference);
        if (finalAt.has(reference) || !tracked(reference)) continue;
        if (!placedAt.has(reference)) placedAt.set(reference, now);
        if (order.final) {
          finalAt.set(reference, now);
          onFinal(reference, now);
        }
      }
  };
  const timer = setInterval(read, WATCH_EVERY_MS);
  return { placedAt, finalAt, stop: () => clearInterval(timer) };
}
