import { type CallOptions, type PlaceOrderRequest, VendorApiError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { isSettled, requestFor, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

/** A scripted vendor that reports its sends, as Bamboo does, refusing `unsent` placements before sending. */
function reportingVendor(unsent: number) {
  const vendor = createScriptedVendor();
  const sends: string[] = [];
  let refusals = unsent;
  const adapter = {
    ...vendor.adapter,
    capabilities: { ...vendor.adapter.capabilities, reportsSend: true },
    async placeOrder(request: PlaceOrderRequest, options: CallOptions = {}) {
      if (refusals-- > 0) {
        throw new VendorApiError({
          vendor: 'scripted',
          code: 'vendor_unavailable',
          retryable: true,
          message: 'scripted: could not check the order; nothing was sent',
        });
      }
      await options.onSend?.();
      sends.push(request.reference);
      return vendor.adapter.placeOrder(request);
    },
  };
  return { vendor, adapter, sends };
}

describe('placement attempts are counted when sent', () => {
  it('refusals before sending are retried without counting; placing is written just before the send', async () => {
    const { vendor, adapter, sends } = reportingVendor(2);
    const { fulfiller, store } = testFulfiller([adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled);
      expect(done.status).toBe('fulfilled');
      expect(sends).toEqual([order.reference]);
      expect(vendor.orders.size).toBe(1);
      expect((await store.get(order.reference))?.placeAttempts).toBe(1);
      const trail = (await store.attempts(order.reference)).map(
        (a) => `${a.action}:${a.outcome}:${a.fromState}->${a.toState}`,
      );
      expect(trail).toEqual([
        'submit:ok:null->accepted',
        'place:error:accepted->accepted',
        'place:error:accepted->accepted',
        'place:ok:accepted->placing',
        'place:ok:placing->placed',
        ...trail.slice(5),
      ]);
    } finally {
      await fulfiller.stop();
    }
  });
});
