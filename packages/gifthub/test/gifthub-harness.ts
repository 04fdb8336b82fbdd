import type { SandboxScenario, VendorHarness } from '@giftwire/conformance';
import { scaleLimits } from '@giftwire/core';
import { TIME_SCALE } from '@giftwire/test-kit';
import { createGiftHub, GIFTHUB_LIMITS } from '../src/index';
import { type GiftHubSandbox, type Outcome, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';

/**
 * A GiftHub placement is two requests (create, confirm) and sometimes a read; on a loaded machine a 500 ms
 * timeout let a batch create time out and be (correctly) replayed, which the batch case counts as an extra
 * placement. A second keeps the case about the client, not the machine.
 */
const REQUEST_TIMEOUT_MS = 1_000;
const WEBHOOK_SECRET = 'conformance-webhook-secret';
/** Never within a case: an order that stays `processing` until the deadline. */
const NEVER_MS = 10 * 60_000;

/** GiftHub's partial answer is final, so the converging-partial case is skipped (no `partialSettlesAfterMs`). */
const OUTCOMES: Record<NonNullable<SandboxScenario['outcome']>, Outcome> = {
  fulfilled: 'successful',
  partial: 'partial',
  partial_then_fulfilled: 'partial',
  failed: 'failed',
  pending: 'pending',
};

/** A batch alternates between EUR and DKK products, so the FX path is in every run. */
const PRODUCTS = [
  { productId: sandboxSkus.zalandoEur25, amount: '25', currency: 'EUR' },
  { productId: sandboxSkus.adidasDk1000, amount: '1000', currency: 'DKK' },
];

/** GiftHub's plumbing for `describeVendor`: its sandbox, its client, an order it sells, a forged webhook. */
export const giftHubHarness: VendorHarness<GiftHubSandbox> = {
  vendor: 'gifthub',
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  startSandbox(scenario = {}) {
    const outcome = OUTCOMES[scenario.outcome ?? 'fulfilled'];
    return startGiftHubSandbox({
      scenario: {
        processingAfterMs: 20,
        settleAfterMs: outcome === 'pending' ? NEVER_MS : (scenario.settleAfterMs ?? 60),
        outcome,
      },
      ...(scenario.walletBalance && { wallet: { balance: scenario.walletBalance } }),
      webhook: scenario.webhookUrl
        ? { url: scenario.webhookUrl, secret: WEBHOOK_SECRET, retryDelaysMs: [50, 200] }
        : undefined,
    });
  },
  createAdapter(sandbox) {
    return createGiftHub({
      ...sandbox.clientSettings(),
      // The conformance run must not pick up GIFTHUB_* variables of the machine it runs on.
      env: {},
      limits: scaleLimits(GIFTHUB_LIMITS, TIME_SCALE),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  },
  sampleRequest(reference, cards = 1, index = 0) {
    const { productId, amount, currency } = PRODUCTS[index % PRODUCTS.length]!;
    return { reference, lines: [{ productId, quantity: cards, faceValue: { amount, currency } }] };
  },
  ambiguousPlacementAnswers: [
    {
      name: '400 whose sentence quotes the insufficient-funds message',
      fault: {
        kind: 'status_after_processing',
        status: 400,
        body: { message: 'Upstream said: You have insufficient funds in your wallet to create this order' },
      },
    },
    {
      name: '500 whose message mentions expiry',
      fault: { kind: 'status_after_processing', status: 500, body: { message: 'order expired?' } },
    },
  ],
  webhook: {
    // The webhook carries the shared secret in a header: a forger knows the shape, not the secret.
    forge: (_sandbox, reference) => giftHubUpdated(reference, 'not-the-secret'),
    claimFinal: (sandbox, reference) =>
      giftHubUpdated(reference, sandbox.clientSettings().webhookSecret ?? ''),
  },

  credentials(sandbox) {
    const settings = sandbox.clientSettings();
    return [settings.apiKey, settings.webhookSecret].filter((s): s is string => s !== undefined);
  },
};

/** GiftHub's "order updated: successful" notification for `reference`, with the shared-secret header. */
function giftHubUpdated(reference: string, secret: string) {
  const body = { message: 'Order updated', data: { uid: 'forged-uid', reference, state: 'successful' } };
  return {
    headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
    rawBody: JSON.stringify(body),
  };
}
