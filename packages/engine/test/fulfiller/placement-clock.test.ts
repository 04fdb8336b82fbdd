import type { VendorAdapter } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { isSettled, requestFor, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

const ANSWER_LAG_MS = 300;

/*
 * A vendor starts an order's clock when the placement arrives, and a busy process may read the answer much
 * later. The engine's clock for the order (deadline, first status call, what it learns of settle times) must
 * start at the send, or every status call comes late by the lag and every sample is short by it.
 */
describe("an order's clock", () => {
  it('starts when its placement was sent, not when the answer was read', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: 100,
      limits: { poll: { initialDelayMs: 150, intervalsMs: [5_000] } },
    });
    const sends: number[] = [];
    const lagging: VendorAdapter = {
      ...vendor.adapter,
      async placeOrder(request, options) {
        sends.push(Date.now());
        const result = await vendor.adapter.placeOrder(request, options);
        await new Promise((resolve) => setTimeout(resolve, ANSWER_LAG_MS));
        return result;
      },
    };
    const { fulfiller, store } = testFulfiller([lagging]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 5_000);
      expect(done.status).toBe('fulfilled');
      const record = await store.get(order.reference);
      const placedAt = record!.deadlineAt! - lagging.limits.deadlineMs;
      expect(Math.abs(placedAt - sends[0]!)).toBeLessThan(ANSWER_LAG_MS / 3);
      // Its first call came at 150 ms of the vendor's clock or as soon as the answer was in: one call.
      expect(vendor.calls.get).toBe(1);
      const [sample] = await store.settleSamples({ vendor: 'scripted' });
      // The vendor had held the order for the lag (and more) when it answered final.
      expect(sample!.settledMs).toBeGreaterThanOrEqual(ANSWER_LAG_MS - 10);
    } finally {
      await fulfiller.stop();
    }
  });
});
