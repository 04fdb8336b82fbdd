import { randomUUID } from 'node:crypto';
import { isSettled, startVendorWorld, type VendorHarness, waitForOrder } from '@giftwire/conformance';
import type { CallOptions, PlaceOrderRequest } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { type GiftHubSandbox, startGiftHubSandbox } from '../src/sandbox/index';
import { giftHubHarness } from './gifthub-harness';

describe('through the engine: a created order that expires before its confirm', () => {
  it('is created again under the same reference and delivered once, charged once', async () => {
    // Sandbox time runs with the wall clock plus a skew the first placement's confirm jumps over.
    let skew = 0;
    const clock = { now: () => Date.now() + skew };
    let placements = 0;
    const harness: VendorHarness<GiftHubSandbox> = {
      ...giftHubHarness,
      startSandbox: () =>
        startGiftHubSandbox({ clock, scenario: { processingAfterMs: 20, settleAfterMs: 60 } }),
      createAdapter(sandbox) {
        const adapter = giftHubHarness.createAdapter(sandbox);
        return {
          ...adapter,
          placeOrder(request: PlaceOrderRequest, options: CallOptions = {}) {
            const first = ++placements === 1;
            let sends = 0;
            return adapter.placeOrder(request, {
              ...options,
              onSend: async () => {
                await options.onSend?.();
                // The first placement's confirm leaves after the created order's 15 minutes.
                if (first && ++sends === 2) skew += 15 * 60_000;
              },
            });
          },
        };
      },
    };
    const world = await startVendorWorld(harness);
    try {
      const request = giftHubHarness.sampleRequest(randomUUID(), 2, 1);
      await world.fulfiller.submit({ vendor: 'gifthub', request, customerId: 'owner' });
      const done = await waitForOrder(world.fulfiller, request.reference, isSettled, 15_000);
      expect(done.status).toBe('fulfilled');
      const trail = (await world.fulfiller.attempts(request.reference)).map(
        (a) => `${a.action}:${a.outcome}`,
      );
      expect(trail).toContain('place:error');
      const atVendor = world.sandbox.orders().filter((o) => o.reference === request.reference);
      expect(atVendor.map((o) => o.status).sort()).toEqual(['rejected', 'successful']);
      expect(world.sandbox.chargedOrders(request.reference)).toHaveLength(1);
      const codes = done.lines.flatMap((l) => l.vouchers.flatMap((v) => (v.code ? [v.code.reveal()] : [])));
      expect(codes.sort()).toEqual([...world.sandbox.issuedSecrets(request.reference).codes].sort());
    } finally {
      await world.close();
    }
  });
});
