import { WebhookVerificationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { isSettled, requestFor, testFulfiller, waitForOrder } from '../support/engine-fixtures';
import { createScriptedVendor } from '../support/scripted-vendor';

const hook = (body: object, secret = 'hook-secret') => ({
  headers: { 'x-scripted-secret': secret },
  rawBody: JSON.stringify(body),
});

describe('webhooks', () => {
  it('verifies, deduplicates and answers a webhook with a re-fetch, not with its claim', async () => {
    // Slow polling, so only the webhook can explain a prompt settle.
    const vendor = createScriptedVendor({
      settleAfterMs: 20,
      limits: { poll: { initialDelayMs: 60_000, intervalsMs: [60_000] } },
    });
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      // The event claims "failed"; the engine trusts only what Get Order says.
      const first = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-1', reference: order.reference, status: 'failed' }),
      );
      expect(first.status).toBe('accepted');
      await first.processed;
      const done = await waitForOrder(() => fulfiller.get(order.reference), isSettled, 1_000);
      expect(done.status).toBe('fulfilled');
      expect(vendor.calls.get).toBe(1);

      const again = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-1', reference: order.reference, status: 'failed' }),
      );
      expect(again.status).toBe('duplicate');
      expect(vendor.calls.get).toBe(1);
      expect((await store.attempts(order.reference)).filter((a) => a.action === 'poll')).toHaveLength(1);
    } finally {
      await fulfiller.stop();
    }
  });

  it('spends no status call on a hint that claims an open order, and one on a hint that claims it final', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: 20,
      limits: { poll: { initialDelayMs: 60_000, intervalsMs: [60_000] } },
    });
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      // Settled at the vendor by now: a re-fetch would find it final, so only the skipped read keeps it open.
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const claims of ['pending', 'processing'] as const) {
        const hint = await fulfiller.handleWebhook(
          'scripted',
          hook({ id: `evt-${claims}`, reference: order.reference, status: claims, claims }),
        );
        expect(hint.status).toBe('accepted');
        await hint.processed;
      }
      expect(vendor.calls.get).toBe(0);
      expect((await fulfiller.get(order.reference))?.state).toBe('placed');
      // Still recorded (deduplicated like any other).
      const replay = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-pending', reference: order.reference, status: 'pending', claims: 'pending' }),
      );
      expect(replay.status).toBe('duplicate');

      const final = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-final', reference: order.reference, status: 'fulfilled', claims: 'fulfilled' }),
      );
      expect(final.status).toBe('accepted');
      await final.processed;
      expect(vendor.calls.get).toBe(1);
      expect((await fulfiller.get(order.reference))?.status).toBe('fulfilled');
      expect((await store.attempts(order.reference)).filter((a) => a.action === 'poll')).toHaveLength(1);
    } finally {
      await fulfiller.stop();
    }
  });

  it('trusts no claim: a hint claiming "failed" is re-fetched and the vendor\'s answer wins', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: 20,
      limits: { poll: { initialDelayMs: 60_000, intervalsMs: [60_000] } },
    });
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      const forged = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-failed', reference: order.reference, status: 'failed', claims: 'failed' }),
      );
      await forged.processed;
      expect(vendor.calls.get).toBe(1);
      expect((await fulfiller.get(order.reference))?.status).toBe('fulfilled');
    } finally {
      await fulfiller.stop();
    }
  });

  it('knows an order whose reference the webhook echoes in another case', async () => {
    const vendor = createScriptedVendor({
      settleAfterMs: 20,
      limits: { poll: { initialDelayMs: 60_000, intervalsMs: [60_000] } },
    });
    const { fulfiller, store } = testFulfiller([vendor.adapter]);
    await fulfiller.start();
    try {
      const { order } = await fulfiller.submit({ vendor: 'scripted', request: requestFor() });
      await waitForOrder(
        () => fulfiller.get(order.reference),
        (o) => o.state === 'placed',
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      const outcome = await fulfiller.handleWebhook(
        'scripted',
        hook({ id: 'evt-upper', reference: order.reference.toUpperCase(), status: 'done' }),
      );
      expect(outcome.status).toBe('accepted');
      await outcome.processed;
      expect((await fulfiller.get(order.reference))?.status).toBe('fulfilled');
      expect((await store.attempts(order.reference)).some((a) => a.action === 'poll')).toBe(true);
    } finally {
      await fulfiller.stop();
    }
  });

  it('records a webhook for an unknown order without acting on it', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller } = testFulfiller([vendor.adapter]);
    const outcome = await fulfiller.handleWebhook(
      'scripted',
      hook({ id: 'evt-x', reference: 'b2f0c7a4-0000-4000-8000-000000000000', status: 'ok' }),
    );
    expect(outcome.status).toBe('unknown_order');
    expect(
      (
        await fulfiller.handleWebhook(
          'scripted',
          hook({ id: 'evt-x', reference: 'b2f0c7a4-0000-4000-8000-000000000000', status: 'ok' }),
        )
      ).status,
    ).toBe('duplicate');
    expect(vendor.calls.get).toBe(0);
  });

  it('rejects a webhook that fails verification', async () => {
    const vendor = createScriptedVendor();
    const { fulfiller } = testFulfiller([vendor.adapter]);
    await expect(
      fulfiller.handleWebhook('scripted', hook({ id: 'e', reference: 'r' }, 'wrong')),
    ).rejects.toSatisfy((e: unknown) => WebhookVerificationError.isInstance(e));
  });
});
