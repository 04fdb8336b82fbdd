import { randomUUID } from 'node:crypto';
import { isFinal, type PlaceOrderRequest } from '@giftwire/core';
import { waitFor } from '@giftwire/test-kit';
import {
  createGiftHub,
  type GiftHubAdapter,
  type GiftHubOrderView,
  type GiftHubSettings,
} from '../src/index';
import type { GiftHubSandbox } from '../src/sandbox/index';

export function clientFor(sandbox: GiftHubSandbox, overrides: GiftHubSettings = {}): GiftHubAdapter {
  return createGiftHub({ ...sandbox.clientSettings(), env: {}, timeoutMs: 2_000, ...overrides });
}

export function orderOf(sku: string, amount: string, currency: string, quantity = 1): PlaceOrderRequest {
  return { reference: randomUUID(), lines: [{ productId: sku, quantity, faceValue: { amount, currency } }] };
}

export async function waitForFinal(
  client: GiftHubAdapter,
  reference: string,
  vendorOrderId: string,
): Promise<GiftHubOrderView> {
  return waitFor(
    async () => {
      const order = await client.getOrder({ reference, vendorOrderId });
      return isFinal(order.status) && order;
    },
    { intervalMs: 15, message: `order ${reference} to reach a final state` },
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

/** An `onSend` that throws before the `n`-th send (1: the create, 2: the confirm), counting every call. */
export function stopBeforeSend(n: number) {
  const hook = {
    calls: 0,
    onSend: () => {
      hook.calls += 1;
      if (hook.calls === n) throw new Error(`stopped before send ${n}`);
    },
  };
  return hook;
}

/** A fake clock for the sandbox: time moves only when a test says so. */
export function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
