import { randomUUID } from 'node:crypto';
import { type GiftCardOrder, isFinal, type PlaceOrderRequest, scaleLimits } from '@giftwire/core';
import { createMemoryRateLimitStore, type RateLimitStore } from '@giftwire/http';
import { TIME_SCALE, waitFor } from '@giftwire/test-kit';
import { createStarship, STARSHIP_LIMITS, type StarshipAdapter, type StarshipSettings } from '../src/index';
import {
  type StarshipSandbox,
  type StarshipSandboxOptions,
  startStarshipSandbox,
} from '../src/sandbox/index';

// Clients of one sandbox share their rate-limit counters, as the processes of one shop would.
const stores = new WeakMap<StarshipSandbox, RateLimitStore>();

/** A sandbox on the test time scale, with a quick lifecycle unless told otherwise. */
export function startSandbox(options: StarshipSandboxOptions = {}): Promise<StarshipSandbox> {
  return startStarshipSandbox({
    timeScale: TIME_SCALE,
    ...options,
    scenario: { processingAfterMs: 10, settleAfterMs: 40, convergeAfterMs: 80, ...options.scenario },
  });
}

export function clientFor(sandbox: StarshipSandbox, overrides: StarshipSettings = {}): StarshipAdapter {
  const rateLimitStore = stores.get(sandbox) ?? createMemoryRateLimitStore();
  stores.set(sandbox, rateLimitStore);
  return createStarship({
    ...sandbox.clientSettings(),
    rateLimitStore,
    limits: scaleLimits(STARSHIP_LIMITS, TIME_SCALE),
    env: {},
    timeoutMs: 1_000,
    ...overrides,
  });
}

export function orderOf(
  productId: number,
  amount: string,
  quantity = 1,
  currency = 'USD',
): PlaceOrderRequest {
  return {
    reference: randomUUID(),
    lines: [{ productId: String(productId), quantity, faceValue: { amount, currency } }],
  };
}

/** Polls until the order is final (or `until` holds). */
export async function waitForOrder(
  client: StarshipAdapter,
  ids: { reference: string; vendorOrderId?: string },
  until: (order: GiftCardOrder) => boolean = (order) => isFinal(order.status),
): Promise<GiftCardOrder> {
  return waitFor(
    async () => {
      const order = await client.getOrder(ids);
      return until(order) && order;
    },
    { intervalMs: 15, message: `order ${ids.reference} to reach the expected state` },
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
