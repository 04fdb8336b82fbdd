import { randomUUID } from 'node:crypto';
import {
  compareMoney,
  isZeroMoney,
  type Money,
  multiplyMoney,
  type PlaceOrderRequest,
  type VendorAdapter,
  WebhookVerificationError,
} from '@giftwire/core';
import type { FulfillmentOrder } from '@giftwire/engine';
import type { SandboxFault, SandboxOrderSummary } from '@giftwire/sandbox-kit';
import { expectNothingSecretIn, expectNothingSecretLogged } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startVendorWorld,
  type VendorWorld,
  type VendorWorldOptions,
  type WorldLeakReport,
} from './start-vendor-world';
import type { AnyVendorSandbox, UnsupportedOutcome, VendorHarness } from './vendor-harness';
import { isSettled, needsAttention, waitForOrder } from './wait-for-order';

const BATCH = 20;
/** A poll schedule slow enough that only a webhook can settle an order within a case's wait. */
const NO_POLL = { initialDelayMs: 600_000, intervalsMs: [600_000] };
/** Frequent enough to see an intermediate answer (the vendor's rate limiter still spaces the calls). */
const QUICK_POLL = { initialDelayMs: 20, intervalsMs: [50] };
/** Short enough to be reached within a case; every scaled poll schedule still fits a few polls in. */
const SHORT_DEADLINE_MS = 400;

/** Faults thrown once at each operation; the order must still settle exactly once with every code. */
function faultsFor(harness: {
  requestTimeoutMs: number;
}): { name: string; fault: SandboxFault; served: boolean }[] {
  return [
    { name: 'latency', fault: { kind: 'latency', ms: 50 }, served: false },
    { name: '503 before serving', fault: { kind: 'status', status: 503 }, served: false },
    { name: 'connection reset', fault: { kind: 'reset' }, served: false },
    { name: 'response dropped after serving', fault: { kind: 'drop_response' }, served: true },
    { name: 'malformed JSON after serving', fault: { kind: 'malformed_json' }, served: true },
    { name: 'well-formed body of the wrong shape', fault: { kind: 'wrong_shape' }, served: true },
    {
      name: 'answer slower than the client timeout',
      fault: { kind: 'slower_than', timeoutMs: harness.requestTimeoutMs },
      served: true,
    },
    {
      name: '502 after serving',
      fault: { kind: 'status_after_processing', status: 502, body: { message: 'Bad gateway' } },
      served: true,
    },
  ];
}

/** Answers after the vendor took a placement that prove nothing: the engine must look, not give up. */
const AMBIGUOUS_PLACEMENT_ANSWERS: { name: string; fault: SandboxFault }[] = [
  { name: '408 Request Timeout', fault: { kind: 'status_after_processing', status: 408 } },
  {
    name: '404 Not Found from a proxy',
    fault: { kind: 'status_after_processing', status: 404, body: { message: 'Not found' } },
  },
  { name: '409 Conflict', fault: { kind: 'status_after_processing', status: 409 } },
];

const sameReference = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function vendorOrdersOf(sandbox: AnyVendorSandbox, reference: string): SandboxOrderSummary[] {
  return sandbox.orders().filter((o) => sameReference(o.reference, reference));
}

/** Codes the engine shows the order's owner, sorted (vendors need not keep card order). */
function revealedCodes(order: FulfillmentOrder): string[] {
  return order.lines.flatMap((l) => l.vouchers.flatMap((v) => (v.code ? [v.code.reveal()] : []))).sort();
}

function cardsOf(request: PlaceOrderRequest): number {
  return request.lines.reduce((sum, line) => sum + line.quantity, 0);
}

function expectSameMoney(actual: Money | undefined, expected: Money): void {
  expect(actual?.currency).toBe(expected.currency);
  expect(compareMoney(actual!, expected), `${actual?.amount} vs ${expected.amount}`).toBe(0);
}

/**
 * The behavioural suite every giftwire vendor package runs against its own sandbox, over real HTTP, through
 * the engine (`createFulfiller`, in-memory store): one suite, many vendors, as `describeOrderStore` is one
 * suite for many stores. The harness supplies only plumbing (start a sandbox, make an adapter, a sample
 * order, a forged webhook); which cases run and what they expect follows from the adapter's `capabilities`
 * and `limits` alone — the suite never asks which vendor it is testing.
 *
 * Cases:
 * - a batch of {@link BATCH} orders is fulfilled exactly once each (one vendor order and one placement call
 *   per reference), with the codes the sandbox issued and zero rate-rule violations;
 * - each sandbox fault once on placement and once on status (latency, 503, reset, dropped response,
 *   malformed JSON, wrong shape, slower than the client timeout, errors after the order was taken): one vendor
 *   order per reference afterwards and every issued card readable by its owner through the engine;
 * - a documented refusal (`harness.refusedRequest`) fails fast, holding nothing at the vendor;
 * - a partial order releases what was issued and reports the cards and the amount not charged; a failed
 *   one releases nothing; where `limits.partialSettlesAfterMs` says a partial answer may still change, an
 *   order answered partial and later delivered in full is followed and settles once, fulfilled;
 * - where `capabilities.webhooks`: a verified webhook settles an order the engine does not poll; a forged one
 *   is refused without a vendor call; a replayed one is deduplicated;
 * - the deadline path `limits.cancelAtDeadline` declares: `required` (with `capabilities.cancel`) cancels the
 *   order at the vendor (the sandbox's view: final, no card, nothing charged) and the engine's order ends
 *   `cancelled`; `allowed` cancels at the vendor or flags the order as the engine does when the vendor will
 *   not; `unsupported` flags it `deadline_exceeded`; for a vendor that cancels, a sandbox refusing the cancel
 *   (`scenario.cancelRefused`) leaves the order `needs_attention` with `cancel_failed`, still at the vendor;
 * - outcomes in `harness.unsupportedOutcomes` (a vendor without a partial or failed status) are skipped,
 *   saying so;
 * - where `capabilities.catalog`: `listProducts` pages through the whole catalog without duplicates;
 * - last: no code, PIN, claim URL or credential in anything the engine logged, nor in `JSON.stringify` /
 *   `util.inspect` of any order view it handed out, in every group above.
 *
 * @example
 * // packages/<vendor>/test/conformance.test.ts
 * import { describeVendor } from '@giftwire/conformance';
 * import { bambooHarness } from './bamboo-harness';
 *
 * describeVendor(bambooHarness);
 */
export function describeVendor<Sandbox extends AnyVendorSandbox>(harness: VendorHarness<Sandbox>): void {
  const reports: WorldLeakReport[] = [];
  /** The first adapter the suite made: its declarations decide cases that need a sandbox of their own. */
  let declared: VendorAdapter | undefined;

  /** A world for one `describe` block, closed (and its leak report kept) after it. */
  function worldFor(options: VendorWorldOptions = {}): () => VendorWorld<Sandbox> {
    let world: VendorWorld<Sandbox> | undefined;
    beforeAll(async () => {
      world = await startVendorWorld(harness, options);
      declared ??= world.adapter;
    });
    afterAll(async () => {
      if (world) reports.push(await world.close());
    });
    return () => world!;
  }

  async function submit(world: VendorWorld<Sandbox>, request: PlaceOrderRequest, customerId?: string) {
    const { order } = await world.fulfiller.submit({ vendor: harness.vendor, request, customerId });
    return order.reference;
  }

  /** The engine shows the owner exactly the codes the sandbox issued, held in one vendor order. */
  function expectDeliveredOnce(world: VendorWorld<Sandbox>, order: FulfillmentOrder, owner?: string): void {
    expect(order.status).toBe('fulfilled');
    if (owner) expect(order.customerId).toBe(owner);
    const atVendor = vendorOrdersOf(world.sandbox, order.reference);
    expect(atVendor).toHaveLength(1);
    const issued = world.sandbox.issuedSecrets(order.reference).codes;
    expect(issued).toHaveLength(cardsOf(order.request));
    expect(revealedCodes(order)).toEqual([...issued].sort());
  }

  /**
   * `describe`, or — for an outcome the harness says the vendor has no status for — one skipped case naming
   * why, with no sandbox started for it.
   */
  const groupFor =
    (outcome: UnsupportedOutcome) =>
    (name: string, body: () => void): void => {
      if (!harness.unsupportedOutcomes?.includes(outcome)) {
        describe(name, body);
        return;
      }
      const reason = `${harness.vendor} has no ${outcome} status (harness.unsupportedOutcomes)`;
      describe(name, () => {
        it(`is skipped: ${reason}`, (context) => context.skip(reason));
      });
    };

  describe(`${harness.vendor} conformance`, () => {
    describe('a batch', () => {
      const world = worldFor();

      it(`fulfils ${BATCH} orders exactly once each, inside the vendor's rate limits`, async () => {
        const { fulfiller, sandbox } = world();
        const placementsBefore = sandbox.calls('placeOrder');
        const references = await Promise.all(
          Array.from({ length: BATCH }, (_, i) =>
            submit(world(), harness.sampleRequest(randomUUID(), 2, i), `customer-${i}`),
          ),
        );
        const settled = await Promise.all(
          references.map((reference) => waitForOrder(fulfiller, reference, isSettled, 30_000)),
        );
        settled.forEach((order, i) => {
          expectDeliveredOnce(world(), order, `customer-${i}`);
        });
        expect(sandbox.calls('placeOrder') - placementsBefore).toBe(BATCH);
        expect(sandbox.violations).toEqual([]);
      });
    });

    describe('faults', () => {
      const world = worldFor();
      const cases = faultsFor(harness).flatMap(({ name, fault, served }) => [
        { name: `${name} on placement`, fault, operation: 'placeOrder' as const, served },
        { name: `${name} on status`, fault, operation: 'getOrder' as const, served: false },
      ]);
      const ambiguous = [...AMBIGUOUS_PLACEMENT_ANSWERS, ...(harness.ambiguousPlacementAnswers ?? [])].map(
        ({ name, fault }) => ({
          name: `${name} after the vendor took the placement`,
          fault,
          operation: 'placeOrder' as const,
          served: true,
        }),
      );

      it.each([...cases, ...ambiguous])(
        '$name: one vendor order, every card readable by its owner',
        async ({ fault, operation, served }) => {
          const { fulfiller, sandbox } = world();
          try {
            const readsBefore = sandbox.calls('getOrder');
            sandbox.faults.next(fault, { operation });
            const reference = await submit(world(), harness.sampleRequest(randomUUID(), 2), 'owner');
            const done = await waitForOrder(fulfiller, reference, isSettled, 30_000);
            expectDeliveredOnce(world(), done, 'owner');
            const attempts = await fulfiller.attempts(reference);
            const trail = attempts.map((a) => `${a.action}:${a.outcome}`);
            if (served) {
              // An answer lost after the vendor took the order is never read as a refusal, nor as the order:
              // the engine finds out what the vendor holds (by reference, where the vendor can say).
              expect(trail).toContain('place:unknown');
              expect(attempts.some((a) => a.action === 'place' && a.toState === 'settled')).toBe(false);
              const { lookupByReference, idempotentReplay } = world().adapter.capabilities;
              if (lookupByReference && !idempotentReplay) expect(trail).toContain('lookup:ok');
            }
            if (fault.kind === 'latency') return;
            // The fault did hit: a placement the engine saw fail, or a status read that gave no answer (the
            // adapter retried it, or the engine recorded an error) beside the reads that did.
            if (operation === 'placeOrder') {
              expect(trail.some((e) => e === 'place:unknown' || e === 'place:error')).toBe(true);
            } else {
              const answered = trail.filter((e) => e === 'poll:ok' || e === 'lookup:ok').length;
              expect(sandbox.calls('getOrder') - readsBefore).toBeGreaterThan(answered);
            }
          } finally {
            sandbox.faults.clear();
          }
        },
      );

      it.runIf(harness.refusedRequest !== undefined)(
        'a documented refusal fails the order fast, holding nothing at the vendor',
        async () => {
          const { fulfiller, sandbox } = world();
          const { request, failureCode } = harness.refusedRequest!(randomUUID());
          const reference = await submit(world(), request);
          const done = await waitForOrder(fulfiller, reference, isSettled);
          expect(done).toMatchObject({ status: 'failed', failure: { code: failureCode } });
          expect(revealedCodes(done)).toEqual([]);
          expect(vendorOrdersOf(sandbox, reference)).toEqual([]);
        },
      );
    });

    groupFor('partial')('a partially fulfilled order', () => {
      const world = worldFor({ scenario: { outcome: 'partial' } });

      it('releases what was issued and reports the cards and the amount not charged', async () => {
        const { fulfiller, sandbox } = world();
        const request = harness.sampleRequest(randomUUID(), 4);
        const reference = await submit(world(), request, 'owner');
        const done = await waitForOrder(fulfiller, reference, isSettled, 30_000);
        expect(done.status).toBe('partially_fulfilled');

        const [atVendor, ...others] = vendorOrdersOf(sandbox, reference);
        expect(others).toEqual([]);
        const failed = atVendor!.cardsRequested - atVendor!.cardsIssued;
        expect(atVendor!.cardsIssued).toBeGreaterThan(0);
        expect(failed).toBeGreaterThan(0);
        const issued = sandbox.issuedSecrets(reference).codes;
        expect(revealedCodes(done)).toEqual([...issued].sort());
        expect(done.lines.flatMap((l) => l.vouchers).filter((v) => v.status === 'issued')).toHaveLength(
          atVendor!.cardsIssued,
        );

        expect(done.settlement).toMatchObject({ issued: atVendor!.cardsIssued, failed });
        expect(done.settlement!.notCharged).toHaveLength(1);
        expectSameMoney(done.settlement!.notCharged[0], multiplyMoney(request.lines[0]!.faceValue, failed));
        if (atVendor!.charged) expectSameMoney(done.charged, atVendor!.charged);
      });
    });

    groupFor('partial_then_fulfilled')('a partial answer that may still change', () => {
      it('is followed, not settled, until the vendor delivers the rest; then it settles once, fulfilled', async (context) => {
        if (declared?.limits.partialSettlesAfterMs === undefined) {
          return context.skip('the adapter declares partial answers final (no limits.partialSettlesAfterMs)');
        }
        // Its own sandbox, started only for vendors that declare it: others need not offer the scenario.
        const world = await startVendorWorld(harness, {
          scenario: { outcome: 'partial_then_fulfilled' },
          limits: () => ({ poll: QUICK_POLL }),
        });
        try {
          const settledAs: string[] = [];
          world.fulfiller.on('order.settled', (o) => {
            settledAs.push(o.status);
          });
          const reference = await submit(world, harness.sampleRequest(randomUUID(), 4), 'owner');
          const done = await waitForOrder(world.fulfiller, reference, isSettled, 30_000);
          expectDeliveredOnce(world, done, 'owner');
          expect(settledAs).toEqual(['fulfilled']);
          expect(done.settlement).toMatchObject({ issued: 4, failed: 0 });
          // The engine saw the partial answer and kept following the order instead of settling it.
          const trail = await world.fulfiller.attempts(reference);
          const partial = trail.filter((a) => a.detail?.status === 'partially_fulfilled');
          expect(partial.length).toBeGreaterThan(0);
          expect(partial.every((a) => a.toState !== 'settled')).toBe(true);
        } finally {
          reports.push(await world.close());
        }
      });
    });

    groupFor('failed')('a failed order', () => {
      const world = worldFor({ scenario: { outcome: 'failed' } });

      it('releases nothing and reports every card as not charged', async () => {
        const { fulfiller, sandbox } = world();
        const request = harness.sampleRequest(randomUUID(), 2);
        const reference = await submit(world(), request);
        const done = await waitForOrder(fulfiller, reference, isSettled, 30_000);
        expect(done.status).toBe('failed');
        expect(revealedCodes(done)).toEqual([]);
        expect(sandbox.issuedSecrets(reference).codes).toEqual([]);
        expect(vendorOrdersOf(sandbox, reference)).toHaveLength(1);
        expect(done.settlement).toMatchObject({ issued: 0, failed: 2 });
        expectSameMoney(done.settlement!.notCharged[0], multiplyMoney(request.lines[0]!.faceValue, 2));
      });
    });

    describe('webhooks', () => {
      // Decided before any sandbox starts: one adapter is made up front only to read its capabilities.
      let applies: boolean | undefined;
      const world = worldFor({ webhooks: true, limits: () => ({ poll: NO_POLL }) });
      let settledByWebhook: string | undefined;

      beforeAll(() => {
        applies = world().adapter.capabilities.webhooks;
        if (applies && !harness.webhook) {
          throw new Error(`${harness.vendor}: capabilities.webhooks is true but the harness has no webhook`);
        }
      });

      it('a verified webhook settles an order the engine is not polling', async (context) => {
        if (!applies) return context.skip('the adapter declares no webhooks');
        const { fulfiller } = world();
        const reference = await submit(world(), harness.sampleRequest(randomUUID(), 1), 'owner');
        const done = await waitForOrder(fulfiller, reference, isSettled, 15_000);
        expectDeliveredOnce(world(), done, 'owner');
        const outcomes = await Promise.all(world().delivered.map((d) => d.outcome));
        expect(
          outcomes.some((o) => o.status === 'accepted' && sameReference(o.event.reference ?? '', reference)),
        ).toBe(true);
        settledByWebhook = reference;
      });

      it('a forged webhook is refused and costs no vendor call', async (context) => {
        if (!applies || !settledByWebhook) return context.skip('needs the verified case');
        const { fulfiller, sandbox } = world();
        const pending = await submit(world(), harness.sampleRequest(randomUUID(), 1));
        const reads = sandbox.calls('getOrder');
        const forged = harness.webhook!.forge(sandbox, pending);
        const error = await fulfiller.handleWebhook(harness.vendor, forged).catch((e: unknown) => e);
        expect(WebhookVerificationError.isInstance(error)).toBe(true);
        expect(sandbox.calls('getOrder')).toBe(reads);
        await waitForOrder(fulfiller, pending, isSettled, 15_000);
      });

      it('a replayed webhook is deduplicated', async (context) => {
        if (!applies || !settledByWebhook) return context.skip('needs the verified case');
        const { fulfiller, sandbox } = world();
        const genuine = world().delivered.find((d) => d.input.rawBody.length > 0)!;
        const reads = sandbox.calls('getOrder');
        const replayed = await fulfiller.handleWebhook(harness.vendor, genuine.input);
        expect(replayed.status).toBe('duplicate');
        await replayed.processed;
        expect(sandbox.calls('getOrder')).toBe(reads);
      });
    });

    describe('a webhook is a hint', () => {
      const world = worldFor({
        scenario: { outcome: 'pending' },
        webhooks: true,
        limits: () => ({ poll: NO_POLL }),
      });

      it('a verified "final" for an order the vendor still has pending settles nothing: the vendor is asked', async (context) => {
        const { fulfiller, sandbox, adapter } = world();
        if (!adapter.capabilities.webhooks) return context.skip('the adapter declares no webhooks');
        if (!harness.webhook?.claimFinal) return context.skip('the harness cannot sign a notification');
        const reference = await submit(world(), harness.sampleRequest(randomUUID(), 1));
        await waitForOrder(fulfiller, reference, (o) => o.state === 'placed', 15_000);
        const reads = sandbox.calls('getOrder');
        const outcome = await fulfiller.handleWebhook(
          harness.vendor,
          harness.webhook.claimFinal(sandbox, reference),
        );
        await outcome.processed;
        // It verified, so the engine asked the vendor — and believed the vendor, not the notification.
        expect(sandbox.calls('getOrder')).toBeGreaterThan(reads);
        const order = (await fulfiller.get(reference))!;
        expect(order.state).toBe('placed');
        expect(revealedCodes(order)).toEqual([]);
        expect(vendorOrdersOf(sandbox, reference)).toHaveLength(1);
      });
    });

    describe('the deadline', () => {
      const world = worldFor({
        scenario: { outcome: 'pending' },
        limits: () => ({ deadlineMs: SHORT_DEADLINE_MS }),
      });

      it('takes the path limits.cancelAtDeadline declares', async () => {
        const { fulfiller, sandbox, adapter } = world();
        const cancels = sandbox.calls('cancelOrder');
        const reference = await submit(world(), harness.sampleRequest(randomUUID(), 1));
        const policy = adapter.limits.cancelAtDeadline;
        const cancelling = policy !== 'unsupported' && adapter.capabilities.cancel;
        const done = await waitForOrder(
          fulfiller,
          reference,
          (o) =>
            isSettled(o) ||
            (needsAttention(o) && (!cancelling || o.attention?.reason !== 'deadline_exceeded')),
          15_000,
        );
        expect(vendorOrdersOf(sandbox, reference)).toHaveLength(1);
        const trail = await fulfiller.attempts(reference);
        if (cancelling && policy === 'required') {
          // The vendor requires it: the order is cancelled at the vendor (its own view: final, no card
          // issued, nothing left charged) and ends cancelled in the engine — nothing less passes.
          expect(sandbox.calls('cancelOrder')).toBeGreaterThan(cancels);
          expect(trail.some((a) => a.action === 'deadline' && a.outcome === 'ok')).toBe(true);
          expect(done).toMatchObject({ state: 'settled', status: 'cancelled' });
          const atVendor = vendorOrdersOf(sandbox, reference)[0]!;
          expect(atVendor.final).toBe(true);
          expect(atVendor.cardsIssued).toBe(0);
          expect(atVendor.charged === null || isZeroMoney(atVendor.charged)).toBe(true);
          expect(sandbox.issuedSecrets(reference).codes).toEqual([]);
        } else if (cancelling) {
          // Cancelled at the vendor, or handed to a person when the vendor would not (or did not say so).
          expect(sandbox.calls('cancelOrder')).toBeGreaterThan(cancels);
          expect(trail.some((a) => a.action === 'deadline')).toBe(true);
          if (isSettled(done)) {
            expect(done.status).toBe('cancelled');
            expect(vendorOrdersOf(sandbox, reference)[0]!.final).toBe(true);
          } else {
            expect(['cancel_failed', 'cancel_unconfirmed']).toContain(done.attention?.reason);
          }
        } else {
          expect(done).toMatchObject({
            state: 'needs_attention',
            attention: { reason: 'deadline_exceeded' },
          });
          expect(sandbox.calls('cancelOrder')).toBe(cancels);
        }
        expect(revealedCodes(done)).toEqual([]);
      });

      it('hands the order to a person when the vendor refuses the cancel (scenario.cancelRefused)', async (context) => {
        const adapter = world().adapter;
        if (adapter.limits.cancelAtDeadline === 'unsupported' || !adapter.capabilities.cancel) {
          return context.skip('the adapter does not cancel at its deadline');
        }
        // Its own sandbox, started only for vendors that cancel: others need not offer the scenario.
        const refusing = await startVendorWorld(harness, {
          scenario: { outcome: 'pending', cancelRefused: true },
          limits: () => ({ deadlineMs: SHORT_DEADLINE_MS }),
        });
        try {
          const { fulfiller, sandbox } = refusing;
          const reference = await submit(refusing, harness.sampleRequest(randomUUID(), 1));
          const done = await waitForOrder(
            fulfiller,
            reference,
            (o) => isSettled(o) || needsAttention(o),
            15_000,
          );
          // What the engine records when the vendor will not cancel: a person must look at it.
          expect(done).toMatchObject({ state: 'needs_attention', attention: { reason: 'cancel_failed' } });
          expect(sandbox.calls('cancelOrder')).toBeGreaterThan(0);
          const trail = await fulfiller.attempts(reference);
          expect(trail.some((a) => a.action === 'deadline' && a.outcome === 'error')).toBe(true);
          // The vendor still holds the order, not cancelled, and nothing was delivered.
          const atVendor = vendorOrdersOf(sandbox, reference);
          expect(atVendor).toHaveLength(1);
          expect(atVendor[0]!.final).toBe(false);
          expect(revealedCodes(done)).toEqual([]);
        } finally {
          reports.push(await refusing.close());
        }
      });
    });

    describe('the catalog', () => {
      const world = worldFor();

      it('listProducts pages through everything without duplicates', async (context) => {
        const { adapter, sandbox } = world();
        if (!adapter.capabilities.catalog || !adapter.listProducts) {
          return context.skip('the adapter declares no catalog');
        }
        const collect = async (pageSize: number) => {
          const pages: string[][] = [];
          for await (const page of adapter.listProducts!({ pageSize })) pages.push(page.map((p) => p.id));
          return pages;
        };
        const whole = (await collect(1_000)).flat();
        expect(whole.length).toBeGreaterThanOrEqual(2);
        expect(new Set(whole).size).toBe(whole.length);
        const calls = sandbox.calls('listProducts');
        const paged = await collect(1);
        const ids = paged.flat();
        expect(paged.length).toBeGreaterThan(1);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual([...whole].sort());
        // Every page was its own request: the adapter pages, it does not fetch everything and slice.
        expect(sandbox.calls('listProducts') - calls).toBeGreaterThanOrEqual(paged.length);
      });
    });

    describe('secrets', () => {
      // Runs last: it scans what every group above left in its world's logs and order views.
      it('nothing secret in any log line or order view of the groups above', () => {
        expect(reports.length).toBeGreaterThan(0);
        expect(reports.every((r) => r.logs.length > 0)).toBe(true);
        for (const report of reports) {
          const source = { issuedSecrets: () => report.issued };
          expectNothingSecretLogged(report.logs, source, { credentials: report.credentials });
          expectNothingSecretIn(report.views, source, { credentials: report.credentials });
        }
        // The scan looked for the batch's codes and the credentials, at least: it could have failed.
        expect(reports.reduce((n, r) => n + r.issued.codes.length, 0)).toBeGreaterThan(BATCH * 2);
        expect(reports.every((r) => r.credentials.length > 0)).toBe(true);
      });
    });
  });
}
