import { randomUUID } from 'node:crypto';
import { type GiftCardOrder, isFinal, scaleLimits } from '@giftwire/core';
import { TIME_SCALE, waitFor } from '@giftwire/test-kit';
import {
  BUDGETREE_LIMITS,
  type BudgetreeAdapter,
  type BudgetreeSettings,
  createBudgetree,
} from '../src/index';
import {
  type BudgetreeSandbox,
  type BudgetreeSandboxOptions,
  sandboxSkus,
  startBudgetreeSandbox,
} from '../src/sandbox/index';

/** A sandbox on the shared test time scale, settling in a few dozen milliseconds unless told otherwise. */
export function startSandbox(options: BudgetreeSandboxOptions = {}): Promise<BudgetreeSandbox> {
  return startBudgetreeSandbox({
    timeScale: TIME_SCALE,
    ...options,
    scenario: { processingAfterMs: 10, completeAfterMs: 40, reversalAfterMs: 30, ...options.scenario },
  });
}

export function clientFor(sandbox: BudgetreeSandbox, overrides: BudgetreeSettings = {}): BudgetreeAdapter {
  return createBudgetree({
    ...sandbox.clientSettings(),
    limits: scaleLimits(BUDGETREE_LIMITS, TIME_SCALE),
    env: {},
    timeoutMs: 2_000,
    ...overrides,
  });
}

export function orderOf(quantity = 1, amount = '500', sku: string = sandboxSkus.inr, currency = 'INR') {
  return {
    reference: randomUUID(),
    lines: [{ productId: sku, quantity, faceValue: { amount, currency } }],
  };
}

export async function waitForFinal(client: BudgetreeAdapter, reference: string): Promise<GiftCardOrder> {
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
