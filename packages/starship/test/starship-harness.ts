import { createHmac } from 'node:crypto';
import type { SandboxScenario, VendorHarness } from '@giftwire/conformance';
import { scaleLimits } from '@giftwire/core';
import { scaled, TIME_SCALE } from '@giftwire/test-kit';
import { createStarship, STARSHIP_LIMITS } from '../src/index';
import {
  type Outcome,
  type StarshipSandbox,
  sandboxProductIds,
  startStarshipSandbox,
} from '../src/sandbox/index';

/** Roomy enough that a loaded CI machine does not turn a slow create into an unknown outcome (and a replay). */
const REQUEST_TIMEOUT_MS = 1_000;
/**
 * Starship's partial answers may still change (30 min real). Here 2 s of test time: longer than any
 * scenario's convergence below, short enough for the final-partial case to settle within its wait.
 */
export const PARTIAL_SETTLES_AFTER_MS = 2_000;
/** How long after its partial step a converging sandbox order delivers the rest: well under the above. */
const CONVERGE_MS = 300;

const OUTCOMES: Record<NonNullable<SandboxScenario['outcome']>, Outcome> = {
  fulfilled: 'DELIVERED',
  partial: 'PARTIALLY_DELIVERED',
  partial_then_fulfilled: 'PARTIALLY_DELIVERED_THEN_DELIVERED',
  failed: 'FAILED',
  pending: 'STUCK',
};

/** The conformance limits: Starship's published ones on the shared test time scale. */
export function conformanceLimits() {
  return { ...scaleLimits(STARSHIP_LIMITS, TIME_SCALE), partialSettlesAfterMs: PARTIAL_SETTLES_AFTER_MS };
}

/** Starship's plumbing for `describeVendor`: its sandbox, its client, an order it sells, a forged webhook. */
export const starshipHarness: VendorHarness<StarshipSandbox> = {
  vendor: 'starship',
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  async startSandbox(scenario = {}) {
    const outcome = OUTCOMES[scenario.outcome ?? 'fulfilled'];
    return startStarshipSandbox({
      timeScale: TIME_SCALE,
      scenario: {
        processingAfterMs: 20,
        settleAfterMs: scenario.outcome === 'partial_then_fulfilled' ? 60 : (scenario.settleAfterMs ?? 60),
        convergeAfterMs:
          typeof scenario.settleAfterMs === 'number'
            ? Math.min(scenario.settleAfterMs, CONVERGE_MS)
            : CONVERGE_MS,
        outcome: () => outcome,
      },
      ...(scenario.walletBalance && { wallet: { balance: scenario.walletBalance } }),
      webhook: scenario.webhookUrl
        ? { url: scenario.webhookUrl, retryDelaysMs: [scaled(1_000), scaled(4_000)] }
        : undefined,
    });
  },
  createAdapter(sandbox) {
    return createStarship({
      ...sandbox.clientSettings(),
      // The conformance run must not pick up STARSHIP_* variables of the machine it runs on.
      env: {},
      limits: conformanceLimits(),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  },
  sampleRequest(reference, cards = 1, index = 0) {
    const amount = index % 2 === 0 ? '10.00' : '25.00';
    return {
      reference,
      lines: [
        {
          productId: String(sandboxProductIds.delayedCode),
          quantity: cards,
          faceValue: { amount, currency: 'USD' },
        },
      ],
    };
  },
  refusedRequest(reference) {
    return {
      request: {
        reference,
        lines: [
          {
            productId: String(sandboxProductIds.unavailable),
            quantity: 1,
            faceValue: { amount: '10.00', currency: 'USD' },
          },
        ],
      },
      failureCode: 'product_unavailable',
    };
  },
  ambiguousPlacementAnswers: [
    {
      name: '502 whose text names a Starship code',
      fault: {
        kind: 'status_after_processing',
        status: 502,
        body: { error: 'PRODUCT_UNAVAILABLE', message: 'Bad gateway' },
      },
    },
    {
      name: '400 whose sentence mentions a Starship code',
      fault: {
        kind: 'status_after_processing',
        status: 400,
        body: { message: 'Request failed (INSUFFICIENT_BALANCE?)' },
      },
    },
    {
      name: '400 whose error field is free text',
      fault: {
        kind: 'status_after_processing',
        status: 400,
        body: { error: 'upstream said E_VALIDATION_FAILURE', message: 'Bad request' },
      },
    },
  ],
  webhook: {
    // A forger knows the shape and the signing rule, not the secret.
    forge: (_sandbox, reference) => starshipDelivered(reference, 'not-the-secret'),
    claimFinal: (sandbox, reference) => starshipDelivered(reference, sandbox.clientSettings().webhookSecret),
  },

  credentials(sandbox) {
    const settings = sandbox.clientSettings();
    return [settings.apiKey, settings.apiSecret, settings.webhookSecret];
  },
};

/** Starship's `order.delivered` event for `reference` (no vouchers in it), signed over timestamp and body. */
function starshipDelivered(reference: string, secret: string) {
  const rawBody = JSON.stringify({
    event_type: 'order.delivered',
    data: { id: 999_999, reference_code: reference, status: 'DELIVERED', vouchers: [] },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return {
    headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-timestamp': timestamp },
    rawBody,
  };
}
