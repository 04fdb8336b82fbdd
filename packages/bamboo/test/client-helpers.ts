import { randomUUID } from 'node:crypto';
import { type GiftCardOrder, isFinal, scaleLimits } from '@giftwire/core';
import { createMemoryRateLimitStore, type RateLimitStore } from '@giftwire/http';
import { TIME_SCALE, waitFor } from '@giftwire/test-kit';
import { BAMBOO_LIMITS, type BambooAdapter, type BambooSettings, createBamboo } from '../src/index';
import type { BambooSandbox } from '../src/sandbox/index';

/** Sandbox and client agree on limits tighter in time than Bamboo's (test-kit's scale), so tests run fast. */
export const sandboxLimits = {
  placeOrderSpacingMs: 500 * TIME_SCALE,
  perProductWindowMs: 60_000 * TIME_SCALE,
};

// Clients of one sandbox share their rate-limit counters, as the processes of one shop would.
const stores = new WeakMap<BambooSandbox, RateLimitStore>();

export function clientFor(sandbox: BambooSandbox, overrides: BambooSettings = {}): BambooAdapter {
  const rateLimitStore = stores.get(sandbox) ?? createMemoryRateLimitStore();
  stores.set(sandbox, rateLimitStore);
  return createBamboo({
    rateLimitStore,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    baseUrl: sandbox.url,
    limits: scaleLimits(BAMBOO_LIMITS, TIME_SCALE),
    env: {},
    ...overrides,
  });
}

export function orderOf(productId: number, amount: string, quantity = 1, currency = 'USD') {
  return {
    reference: randomUUID(),
    lines: [{ productId: String(productId), quantity, faceValue: { amount, currency } }],
  };
}

export async function waitForFinal(client: BambooAdapter, reference: string): Promise<GiftCardOrder> {
  return waitFor(
    async () => {
      const order = await client.getOrder({ reference });
      return isFinal(order.status) && order;
    },
    { intervalMs: 15, message: `order ${reference} to reach a final status` },
  );
}

/** Resolves to the error a promise rejects with, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
