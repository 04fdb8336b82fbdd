import type { PlaceOrderRequest, VendorAdapter, WebhookInput } from '@giftwire/core';
import type { SandboxFault, VendorSandbox } from '@giftwire/sandbox-kit';

/** How a sandbox started for one group of cases settles its orders. */
export interface SandboxScenario {
  /**
   * What every order of this sandbox ends as (default `fulfilled`). `partial`: some cards of each order are
   * issued, the others fail and are not charged. `pending`: the order never becomes final by itself.
   * `partial_then_fulfilled`: each order first reports partial delivery (some cards issued), then, after
   * `settleAfterMs` more, every card — asked only of vendors whose `limits.partialSettlesAfterMs` says a
   * partial answer may still change.
   */
  outcome?: 'fulfilled' | 'partial' | 'failed' | 'pending' | 'partial_then_fulfilled';
  /**
   * How long after placement an order becomes final (sandbox time), when the harness can say; a function
   * draws each order's delay (the benchmarks settle orders at random moments).
   */
  settleAfterMs?: number | (() => number);
  /**
   * The vendor refuses every cancel of this sandbox's orders (its cancel window is closed, or it answers
   * with its documented refusal). Asked only of vendors whose adapter cancels at the deadline
   * (`limits.cancelAtDeadline` `required`/`allowed` with `capabilities.cancel`).
   */
  cancelRefused?: boolean;
  /**
   * Where the sandbox delivers its webhooks for this run, signed or keyed with the secret the harness gives
   * the adapters it creates. Absent: the sandbox sends none.
   */
  webhookUrl?: string;
  /**
   * The opening balance of the shop's prepaid wallet at the vendor (a decimal string in the wallet's
   * currency), for a run that places more than the sandbox's default balance pays for (the proof's load).
   * Ignored by a vendor whose sandbox keeps no wallet.
   */
  walletBalance?: string;
}

/** Outcomes a vendor may lack a status for. */
export type UnsupportedOutcome = 'partial' | 'failed' | 'partial_then_fulfilled';

/** Any vendor's sandbox, whatever its settings and its own order view. */
export type AnyVendorSandbox = VendorSandbox<object, unknown>;

/** What the suite needs to forge webhooks; only asked for when the adapter's `capabilities.webhooks`. */
export interface WebhookHarness<Sandbox extends AnyVendorSandbox = AnyVendorSandbox> {
  /**
   * A notification for `reference` in the vendor's own wire format, well-formed and claiming the order is
   * final, but authenticated with a secret the adapters of this harness do not hold (a wrong signature, a
   * wrong shared secret): what an attacker who knows a reference could post.
   */
  forge(sandbox: Sandbox, reference: string): WebhookInput;
  /**
   * The same notification authenticated with the sandbox's real secret: a claim that the order is final which
   * verifies, sent while the vendor still has the order pending (a vendor's early or mistaken notification,
   * or an attacker holding the secret). A webhook is a hint: the engine must re-read the order and trust
   * only what the vendor's API answers. Optional; the proof suite uses it where a harness has it.
   */
  claimFinal?(sandbox: Sandbox, reference: string): WebhookInput;
}

/**
 * The vendor-specific plumbing `describeVendor` runs on. Everything else — what to expect, which cases
 * apply — the suite decides from the adapter's `capabilities` and `limits` alone.
 *
 * @example
 * const harness: VendorHarness = {
 *   vendor: 'bamboo',
 *   requestTimeoutMs: 500,
 *   startSandbox: (scenario) => startBambooSandbox(scaledOptionsFor(scenario)),
 *   createAdapter: (sandbox) => createBamboo({ ...sandbox.clientSettings(), limits: scaleLimits(BAMBOO_LIMITS, 0.02), timeoutMs: 500 }),
 *   sampleRequest: (reference, cards = 1) => ({ reference, lines: [{ productId: '439685', quantity: cards, faceValue: { amount: '10', currency: 'USD' } }] }),
 *   webhook: { forge: (sandbox, reference) => forgedBambooCallback(reference) },
 * };
 * describeVendor(harness);
 */
export interface VendorHarness<Sandbox extends AnyVendorSandbox = AnyVendorSandbox> {
  /** The adapter's `vendor`, as the engine is asked for it. */
  vendor: string;
  /**
   * Starts the vendor's sandbox on 127.0.0.1 with its rate rules time-scaled the same way as the limits of
   * the adapters `createAdapter` makes, so the suite runs in seconds and still breaks no rule.
   */
  startSandbox(scenario?: SandboxScenario): Promise<Sandbox>;
  /**
   * The vendor's own adapter talking to `sandbox` (from `sandbox.clientSettings()`): limits time-scaled to
   * match the sandbox, per-request timeout `requestTimeoutMs`, and the webhook secret the sandbox uses.
   * Called once per engine; the suite may shorten `limits.poll` and `limits.deadlineMs` of what it returns.
   */
  createAdapter(sandbox: Sandbox): VendorAdapter;
  /** The per-request timeout of the adapters `createAdapter` makes (the `slower_than` fault outlasts it). */
  requestTimeoutMs: number;
  /**
   * An order the sandbox sells and settles: `cards` cards (default 1) of one line. `index` is the order's
   * position in a batch, so a harness may spread a batch over several products of its catalog.
   */
  sampleRequest(reference: string, cards?: number, index?: number): PlaceOrderRequest;
  /** Required when the adapter's `capabilities.webhooks` is true. */
  webhook?: WebhookHarness<Sandbox>;
  /**
   * A request the vendor refuses with a documented reason before taking it, and the normalized failure code
   * the engine must report: the order fails fast and nothing is held at the vendor.
   */
  refusedRequest?(reference: string): { request: PlaceOrderRequest; failureCode: string };
  /**
   * Answers the vendor's gateway may give after it has taken a placement that prove nothing (beside the
   * generic 408/404/409/502 the suite always tries), e.g. an error page whose text names one of the vendor's
   * reason codes. Each is thrown once at a placement; the engine must still deliver that order.
   */
  ambiguousPlacementAnswers?: readonly { name: string; fault: SandboxFault }[];
  /**
   * Outcomes the vendor has no status for (Budgetree has neither a partial nor a failed order): their cases
   * are skipped with that reason, and `startSandbox` is never asked for them.
   */
  unsupportedOutcomes?: readonly UnsupportedOutcome[];
  /**
   * Credentials of `sandbox` that must appear in no log (client secret, webhook secret), beside the codes,
   * PINs and claim URLs the sandbox issued.
   */
  credentials(sandbox: Sandbox): string[];
}
