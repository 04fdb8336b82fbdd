import { randomUUID } from 'node:crypto';
import type { VendorAdapter } from '@giftwire/core';
import { waitFor } from '@giftwire/test-kit';
import { createFulfiller, type FulfillerOptions } from '../../src/create-fulfiller';
import { generateEncryptionKey } from '../../src/crypto/voucher-cipher';
import { createMemoryOrderStore } from '../../src/store/memory-order-store';
import type { FulfillmentOrder } from '../../src/to-fulfillment-order';

export const TEST_KEYS = { k1: generateEncryptionKey() };

export function requestFor(productId = 'p-1', quantity = 2, amount = '10') {
  return {
    reference: randomUUID(),
    lines: [{ productId, quantity, faceValue: { amount, currency: 'USD' } }],
  };
}

export function testFulfiller(vendors: VendorAdapter[], overrides: Partial<FulfillerOptions> = {}) {
  const store = overrides.store ?? createMemoryOrderStore();
  const fulfiller = createFulfiller({
    vendors,
    store,
    encryption: { keys: TEST_KEYS, activeKeyId: 'k1' },
    tuning: { placementGraceMs: 50, random: () => 0.5 },
    ...overrides,
  });
  return { fulfiller, store };
}

/** Resolves when `predicate` holds for the order, polling the engine (not the vendor). */
export async function waitForOrder(
  get: () => Promise<FulfillmentOrder | undefined>,
  predicate: (order: FulfillmentOrder) => boolean,
  timeoutMs = 10_000,
): Promise<FulfillmentOrder> {
  let last: FulfillmentOrder | undefined;
  return waitFor(
    async () => {
      last = await get();
      return last !== undefined && predicate(last) && last;
    },
    {
      timeoutMs,
      intervalMs: 5,
      message: () => `the order to match; last state ${last?.state}/${last?.status}`,
    },
  );
}

export const isSettled = (o: FulfillmentOrder) => o.state === 'settled';
export const needsAttention = (o: FulfillmentOrder) => o.state === 'needs_attention';
