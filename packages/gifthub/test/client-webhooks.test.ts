import { WebhookVerificationError } from '@giftwire/core';
import { type RecordingServer, startRecordingServer } from '@giftwire/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createGiftHub } from '../src/index';
import { type GiftHubSandbox, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf } from './client-helpers';

const SECRET = 'webhook-secret-1';
let sandbox: GiftHubSandbox | undefined;
let hooks: RecordingServer | undefined;
afterEach(async () => {
  await sandbox?.close();
  await hooks?.close();
});

describe('webhooks: a hint verified by a shared secret header', () => {
  it('arrive after the confirm and when final; each parses to the order it names, with no code in it', async () => {
    hooks = await startRecordingServer();
    sandbox = await startGiftHubSandbox({
      scenario: { processingAfterMs: 5, settleAfterMs: 20 },
      webhook: { url: `${hooks.url}/hooks/gifthub`, secret: SECRET },
    });
    const client = clientFor(sandbox);
    const request = orderOf(sandboxSkus.zalandoEur25, '25', 'EUR', 2);
    const { vendorOrderId } = await client.placeOrder(request);
    const [confirmed, final] = await hooks.waitForRequests(2);
    const events = await Promise.all(
      [confirmed!, final!].map((r) => client.parseWebhook({ headers: r.headers, rawBody: r.rawBody })),
    );
    expect(
      events.map((e) => [e.reference, e.vendorOrderId, e.status, e.claimedStatus, e.verifiedBy]),
    ).toEqual([
      // The confirm hint claims an open order (the engine skips its re-fetch), the final one a settled order.
      [request.reference, vendorOrderId, 'confirmed', 'pending', 'shared_secret'],
      [request.reference, vendorOrderId, 'successful', 'fulfilled', 'shared_secret'],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    const text = JSON.stringify(events);
    for (const code of sandbox.issuedSecrets(request.reference).codes) expect(text).not.toContain(code);
    expect(text).not.toContain(SECRET);
  });

  it('refuses a wrong, a missing or an unconfigured secret, and a body it cannot read', async () => {
    sandbox = await startGiftHubSandbox({ webhook: { url: 'http://127.0.0.1:9/none', secret: SECRET } });
    const client = clientFor(sandbox);
    const rawBody = JSON.stringify({ data: { uid: 'u1', reference: 'r1', state: 'successful' } });
    const reason = async (c: typeof client, headers: Record<string, string>, body = rawBody) => {
      const error = await rejectionOf(c.parseWebhook({ headers, rawBody: body }));
      expect(WebhookVerificationError.isInstance(error)).toBe(true);
      expect((error as Error).message).not.toContain(SECRET);
      return (error as WebhookVerificationError).reason;
    };
    expect(await reason(client, { 'x-webhook-secret': 'nope' })).toBe('bad_secret');
    expect(await reason(client, {})).toBe('missing_signature');
    expect(await reason(client, { 'x-webhook-secret': SECRET }, '{"data":')).toBe('malformed_body');
    expect(await reason(client, { 'x-webhook-secret': SECRET }, '{"data":{}}')).toBe('malformed_body');
    const unconfigured = createGiftHub({ apiKey: 'k', baseUrl: sandbox.url, env: {} });
    expect(await reason(unconfigured, { 'x-webhook-secret': SECRET })).toBe('bad_secret');
    const event = await client.parseWebhook({ headers: { 'X-Webhook-Secret': SECRET }, rawBody });
    expect(event).toMatchObject({ reference: 'r1', vendorOrderId: 'u1', status: 'successful' });
  });

  it('takes the secret header from the routes settings', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox, {
      webhookSecret: SECRET,
      routes: { webhookSecretHeader: 'x-hub-token' },
    });
    const event = await client.parseWebhook({
      headers: { 'x-hub-token': SECRET },
      rawBody: JSON.stringify({ uid: 'u2', reference: 'r2', state: 'partial' }),
    });
    expect(event).toMatchObject({
      reference: 'r2',
      vendorOrderId: 'u2',
      status: 'partial',
      claimedStatus: 'partially_fulfilled',
      id: 'order:u2:partial',
    });
    const odd = await client.parseWebhook({
      headers: { 'x-hub-token': SECRET },
      rawBody: JSON.stringify({ uid: 'u3', reference: 'r3', state: 'on_hold' }),
    });
    // A state GiftHub's table does not know is no claim: the engine re-fetches.
    expect(odd.status).toBe('on_hold');
    expect(odd.claimedStatus).toBeUndefined();
  });
});
