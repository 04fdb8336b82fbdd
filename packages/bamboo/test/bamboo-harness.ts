import type { SandboxScenario, VendorHarness, VendorSandbox } from '@giftwire/conformance';
import { scaleLimits } from '@giftwire/core';
import { scaled, TIME_SCALE } from '@giftwire/test-kit';
import { BAMBOO_LIMITS, type BambooSettings, createBamboo } from '../src/index';
import {
  type Outcome,
  type SandboxOrder,
  sandboxAccounts,
  sandboxProductIds,
  startBambooSandbox,
} from '../src/sandbox/index';

const REQUEST_TIMEOUT_MS = 500;
const NOTIFICATION_SECRET = 'conformance-notification-secret';
/** Never within a case: an order that stays pending until the deadline. */
const NEVER_MS = 10 * 60_000;

/** Bamboo's partial answer is final, so the converging-partial case is skipped for it (no `partialSettlesAfterMs`). */
const OUTCOMES: Record<NonNullable<SandboxScenario['outcome']>, Outcome> = {
  fulfilled: 'Succeeded',
  partial: 'PartialFailed',
  partial_then_fulfilled: 'PartialFailed',
  failed: 'Failed',
  pending: 'Succeeded',
};

/** A batch alternates between two unlimited USD products, so the per-product window binds half as often. */
const PRODUCTS = [
  { productId: String(sandboxProductIds.usdVariable), amount: '10' },
  { productId: String(sandboxProductIds.usdFixed25), amount: '25' },
];

/** Bamboo's plumbing for `describeVendor`: its sandbox, its client, an order it sells, a forged callback. */
export const bambooHarness: VendorHarness<VendorSandbox<BambooSettings, SandboxOrder>> = {
  vendor: 'bamboo',
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  async startSandbox(scenario = {}) {
    const outcome = OUTCOMES[scenario.outcome ?? 'fulfilled'];
    const sandbox = await startBambooSandbox({
      limits: {
        placeOrderSpacingMs: scaled(500),
        perProductWindowMs: scaled(60_000),
      },
      ...(scenario.walletBalance && {
        accounts: sandboxAccounts.map((account) => ({ ...account, balance: scenario.walletBalance! })),
      }),
      scenario: {
        processingAfterMs: 20,
        settleAfterMs: scenario.outcome === 'pending' ? NEVER_MS : (scenario.settleAfterMs ?? 60),
        outcome: () => outcome,
      },
      notification: scenario.webhookUrl
        ? { url: scenario.webhookUrl, secretKey: NOTIFICATION_SECRET, retryDelaysMs: [50, 200] }
        : undefined,
    });
    return sandbox;
  },
  createAdapter(sandbox) {
    // Sandbox rules and client limits on the shared test time scale, so the suite runs in seconds.
    return createBamboo({
      ...sandbox.clientSettings(),
      // The conformance run must not pick up BAMBOO_* variables of the machine it runs on.
      env: {},
      limits: scaleLimits(BAMBOO_LIMITS, TIME_SCALE),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  },
  sampleRequest(reference, cards = 1, index = 0) {
    const { productId, amount } = PRODUCTS[index % PRODUCTS.length]!;
    return { reference, lines: [{ productId, quantity: cards, faceValue: { amount, currency: 'USD' } }] };
  },
  refusedRequest(reference) {
    const line = { productId: String(sandboxProductIds.notOrderable), quantity: 1 };
    return {
      request: { reference, lines: [{ ...line, faceValue: { amount: '10', currency: 'USD' } }] },
      failureCode: 'product_unavailable',
    };
  },
  ambiguousPlacementAnswers: [
    {
      name: '502 whose text mentions a Bamboo reason code',
      fault: {
        kind: 'status_after_processing',
        status: 502,
        body: { message: 'Bad gateway: upstream said InvalidProductIds' },
      },
    },
    {
      name: '400 whose sentence mentions a Bamboo reason code',
      fault: {
        kind: 'status_after_processing',
        status: 400,
        body: { message: 'Request failed (InsufficientBalance?)' },
      },
    },
  ],
  webhook: {
    // Bamboo's callback carries the shared secret in its body: a forger knows the shape, not the secret.
    forge: (_sandbox, reference) => bambooCallback(reference, 'not-the-secret'),
    claimFinal: (sandbox, reference) =>
      bambooCallback(reference, sandbox.clientSettings().notificationSecret ?? NOTIFICATION_SECRET),
  },

  credentials(sandbox) {
    const settings = sandbox.clientSettings();
    return [settings.clientSecret, settings.notificationSecret].filter((s): s is string => s !== undefined);
  },
};

/** Bamboo's "order succeeded" callback for `reference`, carrying `secretKey` as Bamboo's do. */
function bambooCallback(reference: string, secretKey: string) {
  const body = {
    orderId: 1,
    status: 'Succeeded',
    totalCards: 1,
    createdOn: new Date().toISOString(),
    completedOn: new Date().toISOString(),
    secretKey,
    requestId: reference,
  };
  return { headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(body) };
}
