import { randomUUID } from 'node:crypto';
import type { VendorHarness } from '@giftwire/conformance';
import { normalizeReference } from '@giftwire/core';
import { waitFor } from '@giftwire/test-kit';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemDetails, RenderedOrder } from '../src/index';
import {
  expectNothingSecretAnswered,
  expectNothingSecretInLogs,
  type RecordingClient,
  recordingClient,
  STEP_UP,
} from './support/recording-client';
import { type HarnessApp, type HarnessAppOptions, startHarnessApp } from './support/start-harness-app';
import { type AnyVendorSandbox, captureLogs, pollUntil } from './support/world';

const VENDORS = VENDOR_HARNESSES.map((h) => h.vendor);
const WEBHOOK_HARNESSES = VENDOR_HARNESSES.filter((h) => h.webhook !== undefined);
const NO_WEBHOOK_HARNESSES = VENDOR_HARNESSES.filter((h) => h.webhook === undefined);
const PROBLEM = 'https://giftwire.dev/problems/';

interface World {
  app: HarnessApp;
  client: RecordingClient;
  logs: ReturnType<typeof captureLogs>;
  /** Every webhook delivery the router answered — the sandboxes' and the test's own — with its status. */
  webhooks: { vendor: string; status: number }[];
}

/** The router over `harnesses`, its logs captured, a step-up check before any reveal of a settled order. */
async function startWorld(
  harnesses: readonly VendorHarness[],
  options: Pick<HarnessAppOptions, 'webhooks' | 'onlyWebhooksSettle'>,
): Promise<World> {
  const logs = captureLogs();
  const webhooks: World['webhooks'] = [];
  const app = await startHarnessApp(harnesses, {
    ...options,
    before: (express) =>
      express.use('/webhooks/:vendor', (req, res, next) => {
        res.on('finish', () => webhooks.push({ vendor: String(req.params.vendor), status: res.statusCode }));
        next();
      }),
    fulfiller: { logger: logs.logger },
    router: {
      logger: logs.logger,
      authorize: (req, order) => req.get('x-step-up') === STEP_UP['x-step-up'] && order.state === 'settled',
    },
  });
  return { app, client: recordingClient(app.base), logs, webhooks };
}

function sandboxOf(world: World, vendor: string): AnyVendorSandbox {
  return world.app.byVendor.get(vendor)!.sandbox;
}

/** The vendor orders `sandbox` holds for `reference` (vendors may record it in another case). */
function vendorOrdersFor(sandbox: AnyVendorSandbox, reference: string) {
  return sandbox.orders().filter((o) => normalizeReference(o.reference) === normalizeReference(reference));
}

function voucherSecrets(order: RenderedOrder) {
  const vouchers = order.lines.flatMap((line) => line.vouchers);
  const present = (values: (string | undefined)[]) => values.filter((v): v is string => !!v).sort();
  return {
    codes: present(vouchers.map((v) => v.code)),
    pins: present(vouchers.map((v) => v.pin)),
    // A claim URL may stand for several cards (GiftHub: one redeem link per order): compared as a set.
    urls: [...new Set(present(vouchers.map((v) => v.claimUrl)))],
    activationCodes: present(vouchers.map((v) => v.activationCode)),
  };
}

/** Exactly the codes, PINs and claim URLs the vendor's sandbox issued for the order, no more, no fewer. */
function expectSandboxSecrets(revealed: RenderedOrder, sandbox: AnyVendorSandbox, cards: number) {
  const issued = sandbox.issuedSecrets(revealed.reference);
  expect(issued.codes).toHaveLength(cards);
  expect(voucherSecrets(revealed)).toEqual({
    codes: [...issued.codes].sort(),
    pins: issued.pins.filter((p) => p !== '').sort(),
    urls: [...issued.urls].sort(),
    activationCodes: [...(issued.activationCodes ?? [])].sort(),
  });
}

async function settledFor(world: World, reference: string, customer: string) {
  return pollUntil(
    () => world.client.get(reference, customer),
    (res) => res.body?.state === 'settled',
  );
}

/**
 * The whole flow of one order of `harness`'s vendor through the router: placed (201), repeated (200, the
 * same order), reused with another body (409), read by its owner until settled (codes hidden), revealed
 * (exactly the sandbox's codes), refused to anyone else (404, no code), one vendor order at the vendor.
 */
async function expectFullFlow(world: World, harness: VendorHarness) {
  const { client } = world;
  const owner = `owner-${harness.vendor}`;
  const request = harness.sampleRequest(randomUUID(), 2);
  const body = { vendor: harness.vendor, ...request, shopOrderId: `shop-${harness.vendor}` };

  const created = await client.place(body, owner);
  expect(created.status).toBe(201);
  expect(created.headers.location).toBe(`/orders/${request.reference}`);
  expect(created.body).toMatchObject({
    reference: request.reference,
    vendor: harness.vendor,
    codes: 'hidden',
  });
  expect(created.body.lines.map((l) => [l.productId, l.quantity, l.faceValue.currency])).toEqual(
    request.lines.map((l) => [l.productId, l.quantity, l.faceValue.currency]),
  );

  const again = await client.place(body, owner);
  expect(again.status).toBe(200);
  expect(again.body.reference).toBe(request.reference);
  expect(again.body.createdAt).toBe(created.body.createdAt);

  const reused = await client.place<ProblemDetails>(
    { ...body, lines: [{ ...body.lines[0]!, quantity: 3 }] },
    owner,
  );
  expect(reused.status).toBe(409);
  expect(reused.body.type).toBe(`${PROBLEM}idempotency-conflict`);

  const settled = await settledFor(world, request.reference, owner);
  expect(settled.body).toMatchObject({ status: 'fulfilled', codes: 'hidden', vendor: harness.vendor });
  expect(settled.body.settlement).toMatchObject({ issued: 2, failed: 0 });
  expect(voucherSecrets(settled.body)).toEqual({ codes: [], pins: [], urls: [], activationCodes: [] });

  const revealed = await client.reveal(request.reference, owner);
  expect(revealed.status).toBe(200);
  expect(revealed.headers['cache-control']).toBe('no-store');
  expect(revealed.body.codes).toBe('revealed');
  const sandbox = sandboxOf(world, harness.vendor);
  expectSandboxSecrets(revealed.body, sandbox, 2);

  // Another customer: not found, whether asking to read or to reveal, and not one code in the answers.
  for (const answer of [
    await client.get(request.reference, 'mallory'),
    await client.reveal(request.reference, 'mallory'),
  ]) {
    expect(answer.status).toBe(404);
    for (const code of sandbox.issuedSecrets(request.reference).codes)
      expect(answer.text).not.toContain(code);
  }

  expect(vendorOrdersFor(sandbox, request.reference)).toHaveLength(1);
  return request.reference;
}

/** The answers and logs of the whole run carry no code, PIN, claim URL or credential. */
function expectNothingLeaked(world: World) {
  const sandboxes = world.app.vendors.map((v) => v.sandbox);
  // A scan over nothing passes: make sure the run did reveal codes and log its work.
  expect(world.client.recorded.filter((r) => r.revealed !== undefined).length).toBeGreaterThan(0);
  expect(world.logs.text()).toContain('codes_revealed');
  expectNothingSecretAnswered(world.client.recorded, sandboxes, world.app.credentials());
  expectNothingSecretInLogs(world.logs, sandboxes, world.app.credentials());
}

describe('one router, one fulfiller over all four vendors, webhooks delivered to the router', () => {
  let world: World;
  beforeAll(async () => {
    // Vendors with webhooks are not polled within the test: their orders settle only by a real webhook.
    world = await startWorld(VENDOR_HARNESSES, { webhooks: 'router', onlyWebhooksSettle: true });
  });
  afterAll(() => world?.app.close());

  it('serves every vendor of the fulfiller', () => {
    expect([...world.app.fulfiller.vendors].sort()).toEqual([...VENDORS].sort());
    expect(VENDORS).toHaveLength(4);
  });

  describe.each(VENDOR_HARNESSES.map((h) => [h.vendor, h] as const))('%s', (vendor, harness) => {
    it('runs the full order flow, settled by its webhook or (without webhooks) its poll', async () => {
      const reference = await expectFullFlow(world, harness);
      const answered = world.webhooks.filter((w) => w.vendor === vendor).map((w) => w.status);
      if (harness.webhook) {
        // The engine's own poll is minutes away: the order settled by the re-fetch of a signed webhook the
        // sandbox posted to the router, which took every one (some vendors send one per step).
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.every((status) => status === 202)).toBe(true);
      } else {
        expect(answered).toEqual([]);
        const polls = (await world.app.fulfiller.attempts(reference)).filter((a) => a.action === 'poll');
        expect(polls.length).toBeGreaterThan(0);
      }
    });
  });

  it.each(NO_WEBHOOK_HARNESSES.map((h) => h.vendor))(
    'answers 404 on the webhook route of %s, a vendor without webhooks',
    async (vendor) => {
      const res = await world.client.postRaw(`/webhooks/${vendor}`, { refno: randomUUID() });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(`${PROBLEM}not-found`);
    },
  );

  it('answers 404 on the webhook route of a vendor the fulfiller does not have', async () => {
    const res = await world.client.postRaw('/webhooks/acme', { reference: randomUUID() });
    expect(res.status).toBe(404);
    expect(res.body.type).toBe(`${PROBLEM}not-found`);
  });

  it('refuses an order for an unknown vendor, naming `vendor` and every configured one; nothing placed', async () => {
    const reference = randomUUID();
    const res = await world.client.place<ProblemDetails>(
      { vendor: 'acme', ...VENDOR_HARNESSES[0]!.sampleRequest(reference) },
      'alice',
    );
    // Today's contract (README): every bad field is a 400 validation error.
    expect(res.status).toBe(400);
    expect(res.body.type).toBe(`${PROBLEM}validation-error`);
    const vendorIssue = res.body.errors?.find((e) => e.path === 'vendor');
    expect(vendorIssue?.message).toMatch(/unknown vendor/);
    for (const vendor of VENDORS) expect(vendorIssue?.message).toContain(vendor);
    expect(await world.app.fulfiller.get(reference)).toBeUndefined();
    for (const { sandbox } of world.app.vendors) expect(vendorOrdersFor(sandbox, reference)).toEqual([]);
  });

  it('takes a mixed batch, orders for all four vendors at once: each one vendor order in its own sandbox', async () => {
    const customer = 'batch-buyer';
    const batch = VENDOR_HARNESSES.flatMap((harness) =>
      [0, 1].map((index) => ({ harness, request: harness.sampleRequest(randomUUID(), 1, index) })),
    );
    const created = await Promise.all(
      batch.map(({ harness, request }) =>
        world.client.place({ vendor: harness.vendor, ...request }, customer),
      ),
    );
    expect(created.map((c) => c.status)).toEqual(batch.map(() => 201));

    for (const { harness, request } of batch) {
      const settled = await settledFor(world, request.reference, customer);
      expect(settled.body).toMatchObject({ status: 'fulfilled', vendor: harness.vendor });
      const revealed = await world.client.reveal(request.reference, customer);
      expect(revealed.status).toBe(200);
      expectSandboxSecrets(revealed.body, sandboxOf(world, harness.vendor), 1);
      // Exactly one vendor order, at this order's vendor and at no other.
      for (const { vendor, sandbox } of world.app.vendors) {
        expect(vendorOrdersFor(sandbox, request.reference)).toHaveLength(vendor === harness.vendor ? 1 : 0);
      }
    }

    const listed = await world.client.list(customer);
    expect(listed.status).toBe(200);
    expect(listed.body.orders.map((o) => `${o.vendor}:${o.reference}`).sort()).toEqual(
      batch.map(({ harness, request }) => `${harness.vendor}:${request.reference}`).sort(),
    );
  });

  it('answered and logged no code, PIN, claim URL or credential outside its owner’s reveal', () => {
    expectNothingLeaked(world);
  });
});

describe.each(VENDOR_HARNESSES.map((h) => [h.vendor, h] as const))(
  'a router whose fulfiller has %s alone, settled by polling',
  (_vendor, harness) => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld([harness], { webhooks: 'none' });
    });
    afterAll(() => world?.app.close());

    it('runs the full order flow', async () => {
      await expectFullFlow(world, harness);
    });

    it('refuses the other vendors by name', async () => {
      const other = VENDOR_HARNESSES.find((h) => h !== harness)!;
      const res = await world.client.place<ProblemDetails>(
        { vendor: other.vendor, ...other.sampleRequest(randomUUID()) },
        'x',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual({
        path: 'vendor',
        message: `unknown vendor; configured: ${harness.vendor}`,
      });
      expect((await world.client.postRaw(`/webhooks/${other.vendor}`, {})).status).toBe(404);
    });

    it('answered and logged no code, PIN, claim URL or credential outside its owner’s reveal', () => {
      expectNothingLeaked(world);
    });
  },
);

describe('forged webhooks, over every vendor that takes webhooks', () => {
  let world: World;
  beforeAll(async () => {
    // Every adapter holds its vendor's real webhook secret, but the sandboxes deliver away from the router
    // and no engine polls within the test: only a webhook the router accepted could settle an order here.
    world = await startWorld(WEBHOOK_HARNESSES, { webhooks: 'elsewhere', onlyWebhooksSettle: true });
  });
  afterAll(() => world?.app.close());

  it.each(WEBHOOK_HARNESSES.map((h) => [h.vendor, h] as const))(
    '%s: a forged webhook for an order the vendor has finished is refused and settles nothing',
    async (vendor, harness) => {
      const sandbox = sandboxOf(world, vendor);
      const request = harness.sampleRequest(randomUUID());
      expect((await world.client.place({ vendor, ...request }, 'victim')).status).toBe(201);
      // The vendor has finished the order: a webhook the engine believed would settle it at once.
      await waitFor(() => vendorOrdersFor(sandbox, request.reference)[0]?.final, {
        message: `${vendor}'s sandbox to finish the order`,
      });

      const forged = await world.client.webhook(vendor, harness.webhook!.forge(sandbox, request.reference));
      expect(forged.status).toBe(401);
      expect(forged.body.type).toBe(`${PROBLEM}webhook-verification-failed`);
      expect(forged.body.detail).toBeUndefined();

      // Had the router accepted it, its re-fetch runs after the answer: give it time to land.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const order = await world.app.fulfiller.get(request.reference);
      expect(order?.state).not.toBe('settled');
      const trail = await world.app.fulfiller.attempts(request.reference);
      expect(trail.filter((a) => a.action === 'poll')).toEqual([]);
      const seen = await world.client.get(request.reference, 'victim');
      expect(seen.body.state).not.toBe('settled');
      expect(seen.body.codes).toBe('hidden');
    },
  );

  it('logged no code, PIN or credential', () => {
    const sandboxes = world.app.vendors.map((v) => v.sandbox);
    expectNothingSecretAnswered(world.client.recorded, sandboxes, world.app.credentials());
    expectNothingSecretInLogs(world.logs, sandboxes, world.app.credentials());
  });
});
