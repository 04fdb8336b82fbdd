import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { signatureOf } from './check-signature';
import { sandboxSkus } from './sandbox-catalog';
import {
  type BudgetreeSandbox,
  type BudgetreeSandboxOptions,
  startBudgetreeSandbox,
} from './start-budgetree-sandbox';

let sandbox: BudgetreeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

let clock = 1_800_000_000_000;
const fakeClock = { now: () => clock };

async function start(options: BudgetreeSandboxOptions = {}) {
  clock = 1_800_000_000_000;
  sandbox = await startBudgetreeSandbox({
    clock: fakeClock,
    tokenTtlMs: 10_000,
    scenario: { processingAfterMs: 100, completeAfterMs: 200, reversalAfterMs: 50 },
    ...options,
  });
  return sandbox;
}

async function raw(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await request(`${sandbox!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json: json as Record<string, unknown>, headers: res.headers };
}

async function token(): Promise<string> {
  const s = sandbox!.clientSettings();
  const verified = await raw('POST', '/oauth2/verify', {
    clientId: s.clientId,
    username: s.username,
    password: s.password,
  });
  const issued = await raw('POST', '/oauth2/token', {
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    authorizationCode: verified.json.authorizationCode,
  });
  return issued.json.token as string;
}

/** A request signed by the rule, by hand: what a client of any language would send. */
async function signed(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  tweak: { date?: string; signature?: string; token?: string } = {},
) {
  const s = sandbox!.clientSettings();
  return raw(method, path, body, {
    authorization: `Bearer ${tweak.token ?? (await token())}`,
    dateAtClient: tweak.date ?? new Date(clock).toISOString(),
    signature: tweak.signature ?? signatureOf(s.clientSecret, method, `${s.baseUrl}${path}`, body),
  });
}

const createBody = (refno: string, qty = 2, syncOnly = false) => ({
  refno,
  products: [{ sku: sandboxSkus.inr, price: '500', qty, currency: 'INR' }],
  payments: [{ code: 'svc', amount: String(500 * qty) }],
  deliveryMode: 'API',
  syncOnly,
});

describe('startBudgetreeSandbox', () => {
  it("checks the documented signing rule: the client's fixed vector verifies here too", () => {
    // Same vector as budgetree-signature.test.ts: the sandbox's own copy of the rule agrees with it.
    expect(
      signatureOf(
        'test-secret',
        'GET',
        'https://api.budgetree.example/rest/v3/order/333336022/cards?offset=0&limit=500',
      ),
    ).toBe(
      '07ef50eba5dc4bfa515349e3bb61dcbf4bd55127868562b92068256ceab324b19534b2848cd883de4fd57e8c5b1e4cb26001f1ef9e7f290be6ee2d55980201db',
    );
  });

  it('OAuth: wrong credentials, a reused authorization code and an expired token are refused 401', async () => {
    await start();
    const s = sandbox!.clientSettings();
    expect(
      (await raw('POST', '/oauth2/verify', { clientId: s.clientId, username: s.username, password: 'nope' }))
        .status,
    ).toBe(401);
    const verified = await raw('POST', '/oauth2/verify', {
      clientId: s.clientId,
      username: s.username,
      password: s.password,
    });
    const trade = {
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      authorizationCode: verified.json.authorizationCode,
    };
    expect((await raw('POST', '/oauth2/token', { ...trade, clientSecret: 'nope' })).status).toBe(401);
    // The failed trade used the code up.
    expect((await raw('POST', '/oauth2/token', trade)).status).toBe(401);
    const t = await token();
    expect((await signed('GET', '/rest/v3/orders/unknown', undefined, { token: t })).json.code).toBe(5320);
    clock += 10_000;
    const expired = await signed('GET', '/rest/v3/orders/unknown', undefined, { token: t });
    expect(expired.status).toBe(401);
    expect(sandbox!.verifyCalls).toBe(3);
  });

  it('a wrong signature, a signature over another URL and a stale dateAtClient are refused 401', async () => {
    await start();
    const path = '/rest/v3/orders/unknown';
    expect((await signed('GET', path, undefined, { signature: 'ab'.repeat(64) })).status).toBe(401);
    const other = signatureOf(
      sandbox!.clientSettings().clientSecret,
      'GET',
      `${sandbox!.url}/rest/v3/orders/other`,
    );
    expect((await signed('GET', path, undefined, { signature: other })).status).toBe(401);
    const stale = new Date(clock - 5 * 60_000 - 1).toISOString();
    expect((await signed('GET', path, undefined, { date: stale })).status).toBe(401);
    expect((await signed('GET', path)).status).toBe(400);
    expect(sandbox!.unauthorizedCalls).toBe(3);
    // A tampered body no longer matches its signature.
    const s = sandbox!.clientSettings();
    const body = createBody('ref-tampered');
    const signature = signatureOf(s.clientSecret, 'POST', `${s.baseUrl}/rest/v3/orders`, body);
    const tampered = await signed('POST', '/rest/v3/orders', { ...body, refno: 'ref-other' }, { signature });
    expect(tampered.status).toBe(401);
    expect(sandbox!.orders()).toEqual([]);
  });

  it('PENDING → PROCESSING → COMPLETE over the configured time; cards 409 until then; 5313 for a reused refno', async () => {
    await start();
    const created = await signed('POST', '/rest/v3/orders', createBody('ref-1'));
    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({ status: 'PROCESSING', refno: 'ref-1', currency: 'INR' });
    const orderId = created.json.orderId as string;
    expect((await signed('POST', '/rest/v3/orders', createBody('REF-1'))).json).toMatchObject({ code: 5313 });
    expect((await signed('GET', '/rest/v3/orders/ref-1')).json).toMatchObject({
      status: 'PENDING',
      statusLabel: 'Budgetree Pending',
      orderId,
      cancel: { allowed: true, allowedWithIn: 2 },
    });
    expect((await signed('GET', `/rest/v3/order/${orderId}/cards?offset=0&limit=10`)).status).toBe(409);
    clock += 100;
    expect((await signed('GET', '/rest/v3/orders/ref-1')).json.status).toBe('PROCESSING');
    expect(sandbox!.orders()[0]).toMatchObject({
      final: false,
      charged: { amount: '1000.00', currency: 'INR' },
    });
    clock += 100;
    expect((await signed('GET', '/rest/v3/orders/ref-1')).json.status).toBe('COMPLETE');
    const cards = await signed('GET', `/rest/v3/order/${orderId}/cards?offset=1&limit=10`);
    expect(cards.json).toMatchObject({ total: 2, offset: 1, currency: 'INR' });
    expect(cards.json.cards).toHaveLength(1);
    expect(sandbox!.issuedSecrets('ref-1').codes).toHaveLength(2);
    expect((await signed('GET', `/rest/v3/order/${orderId}/cards?offset=0&limit=501`)).json.code).toBe(5300);
    expect(sandbox!.orders()[0]).toMatchObject({ final: true, cardsIssued: 2, cardsRequested: 2 });
    // Three status reads and three cards reads: both are Get Order, only the cards reads are delivery.
    expect(sandbox!.calls('getOrder')).toBe(6);
    expect(sandbox!.cardsCalls).toBe(3);
  });

  it('syncOnly answers 201 COMPLETE with the cards', async () => {
    await start();
    const created = await signed('POST', '/rest/v3/orders', createBody('ref-sync', 3, true));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'COMPLETE', refno: 'ref-sync', cancel: { allowed: true } });
    expect(created.json.cards).toHaveLength(3);
    expect((created.json.cards as { cardNumber: string }[]).map((c) => c.cardNumber)).toEqual(
      sandbox!.issuedSecrets('ref-sync').codes,
    );
  });

  it('refuses bodies Budgetree would refuse, with codes', async () => {
    await start();
    const bad = { ...createBody('ref-bad'), payments: [{ code: 'svc', amount: '999' }] };
    expect((await signed('POST', '/rest/v3/orders', bad)).json).toMatchObject({ code: 5300 });
    const retired = {
      ...createBody('ref-retired'),
      products: [{ sku: sandboxSkus.notOrderable, price: '500', qty: 2, currency: 'INR' }],
    };
    expect((await signed('POST', '/rest/v3/orders', retired)).json).toMatchObject({ code: 5301 });
    expect((await signed('POST', '/rest/v3/orders', { ...createBody('x'.repeat(56)) })).json).toMatchObject({
      code: 5300,
    });
    expect(sandbox!.orders()).toEqual([]);
  });

  it('reversal: 10466 for another body, 202 inside the window, 8221 while running, 200 once cancelled, 410 for cards', async () => {
    await start({
      scenario: { processingAfterMs: 100, completeAfterMs: 200, reversalAfterMs: 50, outcome: 'never' },
    });
    const created = await signed('POST', '/rest/v3/orders', createBody('ref-rev'));
    clock += 150;
    expect(
      (await signed('POST', '/rest/v3/orders/reverse', { ...createBody('ref-rev'), syncOnly: true })).json,
    ).toMatchObject({ code: 10466 });
    expect((await signed('POST', '/rest/v3/orders/reverse', createBody('ref-rev'))).status).toBe(202);
    expect((await signed('POST', '/rest/v3/orders/reverse', createBody('ref-rev'))).json).toMatchObject({
      code: 8221,
    });
    clock += 50;
    const status = await signed('GET', '/rest/v3/orders/ref-rev');
    expect(status.json).toMatchObject({ status: 'CANCELED', cancel: { allowed: false } });
    expect((await signed('POST', '/rest/v3/orders/reverse', createBody('ref-rev'))).status).toBe(200);
    expect((await signed('GET', `/rest/v3/order/${created.json.orderId}/cards`)).status).toBe(410);
    expect(sandbox!.orders()[0]).toMatchObject({ final: true, cardsIssued: 0, charged: { amount: '0' } });
    expect((await signed('POST', '/rest/v3/orders/reverse', createBody('ref-unknown'))).json).toMatchObject({
      code: 5320,
    });
  });

  it('reversal outside the window (allowedWithIn minutes, scaled) is 10467', async () => {
    await start({ timeScale: 0.01, scenario: { outcome: 'never' } });
    await signed('POST', '/rest/v3/orders', createBody('ref-late'));
    clock += 2 * 60_000 * 0.01;
    expect((await signed('GET', '/rest/v3/orders/ref-late')).json).toMatchObject({
      cancel: { allowed: false, allowedWithIn: 2 },
    });
    expect((await signed('POST', '/rest/v3/orders/reverse', createBody('ref-late'))).json).toMatchObject({
      code: 10467,
    });
  });

  it("blockNext answers the firewall's HTML 403 before the API; kit faults apply to every route", async () => {
    await start();
    sandbox!.blockNext();
    const blocked = await raw('GET', '/rest/v3/orders/x');
    expect(blocked.status).toBe(403);
    expect(blocked.headers['content-type']).toContain('text/html');
    expect(blocked.text).toContain('<html>');
    sandbox!.faults.next({ kind: 'status', status: 503 }, { operation: 'getOrder' });
    expect((await signed('GET', '/rest/v3/orders/x')).status).toBe(503);
    expect(sandbox!.calls('getOrder')).toBe(1);
  });
});
