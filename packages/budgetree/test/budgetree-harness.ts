import type { SandboxScenario, VendorHarness } from '@giftwire/conformance';
import { scaleLimits } from '@giftwire/core';
import { TIME_SCALE } from '@giftwire/test-kit';
import { BUDGETREE_LIMITS, createBudgetree } from '../src/index';
import {
  type BudgetreeSandbox,
  type SandboxOutcome,
  sandboxSkus,
  startBudgetreeSandbox,
} from '../src/sandbox/index';

const REQUEST_TIMEOUT_MS = 500;

/** Budgetree has no partial or failed order: those scenarios are declared unsupported, never mapped. */
const OUTCOMES: Partial<Record<NonNullable<SandboxScenario['outcome']>, SandboxOutcome>> = {
  fulfilled: 'complete',
  // Stays PROCESSING: an order that is not COMPLETE by its deadline.
  pending: 'never',
};

/** A batch spreads over the sandbox's three currencies. */
const PRODUCTS = [
  { productId: sandboxSkus.inr, amount: '500', currency: 'INR' },
  { productId: sandboxSkus.usd, amount: '25', currency: 'USD' },
  { productId: sandboxSkus.eur, amount: '10.50', currency: 'EUR' },
];

/** Budgetree's plumbing for `describeVendor`: its sandbox, its client, an order it sells. No webhooks. */
export const budgetreeHarness: VendorHarness<BudgetreeSandbox> = {
  vendor: 'budgetree',
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  unsupportedOutcomes: ['partial', 'failed', 'partial_then_fulfilled'],
  startSandbox(scenario = {}) {
    const outcome = OUTCOMES[scenario.outcome ?? 'fulfilled'];
    if (outcome === undefined) throw new Error(`budgetree has no ${scenario.outcome} outcome`);
    return startBudgetreeSandbox({
      // The cancel window (2 minutes) on the test time scale: 6 s, well past the suite's short deadline.
      timeScale: TIME_SCALE,
      scenario: {
        processingAfterMs: 20,
        completeAfterMs: scenario.settleAfterMs ?? 60,
        reversalAfterMs: 30,
        outcome,
        ...(scenario.cancelRefused && { cancelWindowMinutes: 0 }),
      },
    });
  },
  createAdapter(sandbox) {
    return createBudgetree({
      ...sandbox.clientSettings(),
      // The conformance run must not pick up BUDGETREE_* variables of the machine it runs on.
      env: {},
      limits: scaleLimits(BUDGETREE_LIMITS, TIME_SCALE),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  },
  sampleRequest(reference, cards = 1, index = 0) {
    const { productId, amount, currency } = PRODUCTS[index % PRODUCTS.length]!;
    return { reference, lines: [{ productId, quantity: cards, faceValue: { amount, currency } }] };
  },
  refusedRequest(reference) {
    return {
      request: {
        reference,
        lines: [
          { productId: sandboxSkus.notOrderable, quantity: 1, faceValue: { amount: '100', currency: 'INR' } },
        ],
      },
      failureCode: 'invalid_request',
    };
  },
  ambiguousPlacementAnswers: [
    {
      name: '502 whose body carries a Budgetree code',
      fault: {
        kind: 'status_after_processing',
        status: 502,
        body: { code: 5313, message: 'Bad gateway', messages: [] },
      },
    },
    {
      name: '400 whose message names a code but whose code field is empty',
      fault: {
        kind: 'status_after_processing',
        status: 400,
        body: { message: 'upstream said 5320', messages: [] },
      },
    },
  ],
  credentials(sandbox) {
    const settings = sandbox.clientSettings();
    // Bearer tokens must appear in no log or view either (activation codes are in `issuedSecrets()`).
    return [settings.clientSecret, settings.password, ...sandbox.issuedTokens()];
  },
};
