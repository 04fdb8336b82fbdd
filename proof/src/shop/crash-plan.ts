import { isFinal, normalizeReference, type VendorAdapter } from '@giftwire/core';
import type { CrashPoint } from './shop-config';

/**
 * The crash points a shop process may be armed with, one order at a time: `wrap` puts them around an
 * adapter's placement and status read, `arm` chooses the order and the step. A process armed dies by its own
 * SIGKILL at that step, exactly as a machine losing power would leave it.
 */
export function createCrashPlan(die: () => void = () => process.kill(process.pid, 'SIGKILL')) {
  let armed: { point: CrashPoint; reference: string } | undefined;
  const hits = (point: CrashPoint, reference: string) =>
    armed?.point === point && armed.reference === normalizeReference(reference);
  return {
    arm(point: CrashPoint, reference: string) {
      armed = { point, reference: normalizeReference(reference) };
    },
    wrap(adapter: VendorAdapter): VendorAdapter {
      return {
        ...adapter,
        async placeOrder(request, options = {}) {
          const placed = await adapter.placeOrder(request, {
            ...options,
            async onSend() {
              await options.onSend?.();
              if (hits('before_send', request.reference)) die();
            },
          });
          if (hits('after_send', request.reference)) die();
          return placed;
        },
        async getOrder(ids, options) {
          const read = await adapter.getOrder(ids, options);
          // The read that matters is the one that carries the final answer (and the codes).
          if (isFinal(read.status) && hits('after_read', ids.reference)) die();
          return read;
        },
      };
    },
  };
}
