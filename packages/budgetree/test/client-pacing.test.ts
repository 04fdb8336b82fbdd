import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETREE_LIMITS } from '../src/index';
import type { BudgetreeSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, startSandbox } from './client-helpers';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const SPACING_MS = 250;

describe("a shop's own rate rules", () => {
  it('pace the client although Budgetree publishes none', async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox, {
      limits: {
        ...BUDGETREE_LIMITS,
        rateLimits: [{ kind: 'spacing', operation: 'placeOrder', scope: 'vendor', intervalMs: SPACING_MS }],
      },
    });
    // `onSend` runs after the limiter's permit, just before the create leaves.
    const sentAt: number[] = [];
    await Promise.all(
      [orderOf(), orderOf(), orderOf()].map((order) =>
        client.placeOrder(order, { onSend: () => void sentAt.push(performance.now()) }),
      ),
    );
    sentAt.sort((a, b) => a - b);
    expect(sentAt).toHaveLength(3);
    // Spacing, not speed: each create waited for the one before it (a little slack for timer rounding).
    for (let i = 1; i < sentAt.length; i++) {
      expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(SPACING_MS - 5);
    }
    expect(sandbox.calls('placeOrder')).toBe(3);
  });
});
