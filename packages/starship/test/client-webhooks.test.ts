import { createHmac } from 'node:crypto';
import { WebhookVerificationError } from '@giftwire/core';
import { type RecordedRequest, startRecordingServer } from '@giftwire/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type StarshipSandbox, sandboxProductIds } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, startSandbox } from './client-helpers';

const WEBHOOK_SECRET = 'whsec-starship-test';

let sandbox: StarshipSandbox | undefined;
let hooks: Awaited<ReturnType<typeof startRecordingServer>> | undefined;
afterEach(async () => {
  await sandbox?.close();
  await hooks?.close();
  sandbox = undefined;
  hooks = undefined;
});

const input = (delivery: RecordedRequest) => ({ headers: delivery.headers, rawBody: delivery.rawBody });

async function deliveredOrder(options: { failFirst?: number; retryDelaysMs?: number[] } = {}) {
  hooks = await startRecordingServer({ failFirst: options.failFirst ?? 0 });
  sandbox = await startSandbox({
    webhook: {
      url: `${hooks.url}/hooks/starship`,
      secret: WEBHOOK_SECRET,
      retryDelaysMs: options.retryDelaysMs ?? [5, 10],
    },
  });
  const client = clientFor(sandbox);
  const request = orderOf(sandboxProductIds.delayedCode, '10');
  const placed = await client.placeOrder(request);
  return { client, request, placed };
}

describe('webhooks from the sandbox, over HTTP', () => {
  it('good: every event verifies with the webhook secret and names our reference; codes are not in them', async () => {
    const { client, request, placed } = await deliveredOrder();
    const deliveries = await hooks!.waitForRequests(3);
    const events = await Promise.all(deliveries.map((d) => client.parseWebhook(input(d))));
    expect(events.map((e) => e.type)).toEqual(['order.created', 'order.pending', 'order.delivered']);
    for (const event of events) {
      expect(event).toMatchObject({
        vendor: 'starship',
        reference: request.reference,
        vendorOrderId: placed.vendorOrderId,
        verifiedBy: 'signature',
      });
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    const bodies = deliveries.map((d) => d.body).join('\n');
    for (const code of sandbox!.issuedSecrets().codes) expect(bodies).not.toContain(code);
    expect(deliveries[0]!.headers['x-timestamp']).toMatch(/^\d+$/);
    expect(deliveries[0]!.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('forged: a body changed after signing, or signed with another secret, is refused', async () => {
    const { client } = await deliveredOrder();
    const [created] = await hooks!.waitForRequests(1);
    const tampered = {
      headers: created!.headers,
      rawBody: created!.body.replace('order.created', 'order.delivered'),
    };
    expect(await rejectionOf(client.parseWebhook(tampered))).toMatchObject({ reason: 'bad_signature' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forged = createHmac('sha256', 'guessed').update(`${timestamp}.${created!.body}`).digest('hex');
    const error = await rejectionOf(
      client.parseWebhook({
        headers: { 'x-signature': forged, 'x-timestamp': timestamp },
        rawBody: created!.body,
      }),
    );
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    expect((error as WebhookVerificationError).reason).toBe('bad_signature');
    expect((error as Error).message).not.toContain(WEBHOOK_SECRET);
  });

  it('stale: a genuine delivery replayed more than 5 minutes later is refused', async () => {
    const { placed } = await deliveredOrder();
    const [created] = await hooks!.waitForRequests(1);
    const later = clientFor(sandbox!, { now: () => Date.now() + 6 * 60_000 });
    expect(await rejectionOf(later.parseWebhook(input(created!)))).toMatchObject({
      reason: 'stale_timestamp',
    });
    expect(placed.vendorOrderId).toBeDefined();
  });

  it('a receiver that is down gets the delivery again, re-signed, on the (compressed) retry schedule', async () => {
    hooks = await startRecordingServer({ failFirst: 2 });
    sandbox = await startSandbox({
      scenario: { outcome: () => 'STUCK' },
      webhook: { url: `${hooks.url}/hooks/starship`, secret: WEBHOOK_SECRET, retryDelaysMs: [5, 10] },
    });
    const client = clientFor(sandbox);
    await client.placeOrder(orderOf(sandboxProductIds.delayedCode, '10'));
    const deliveries = await hooks.waitForRequests(3);
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 204]);
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
    for (const delivery of deliveries)
      expect((await client.parseWebhook(input(delivery))).type).toBe('order.created');
    await sandbox.settle();
    expect(hooks.requests).toHaveLength(3);
  });

  it("Starship's own schedule is 0 s, then 30 s, 2 min, 10 min, 1 h, 6 h, scaled with the sandbox", async () => {
    const { STARSHIP_WEBHOOK_RETRIES_MS } = await import('../src/sandbox/index');
    expect([0, ...STARSHIP_WEBHOOK_RETRIES_MS]).toEqual([0, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
  });
});
