import { WebhookVerificationError } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits } from './client-helpers';
import { startWebhookReceiver } from './webhook-receiver';

const NOTIFICATION_SECRET = 'callback-secret-1234';
const SVIX_SECRET = `whsec_${Buffer.from('svix-endpoint-secret-bytes').toString('base64')}`;

let sandbox: BambooSandbox;
let callbacks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let svix: Awaited<ReturnType<typeof startWebhookReceiver>>;
let reference: string;

beforeAll(async () => {
  callbacks = await startWebhookReceiver();
  svix = await startWebhookReceiver();
  sandbox = await startBambooSandbox({
    limits: sandboxLimits,
    scenario: { processingAfterMs: 10, settleAfterMs: 30 },
    notification: { url: callbacks.url, secretKey: NOTIFICATION_SECRET },
    svix: { url: svix.url, secret: SVIX_SECRET },
  });
  const request = orderOf(439685, '10');
  reference = request.reference;
  await clientFor(sandbox).placeOrder(request);
  await Promise.all([callbacks.waitFor(1), svix.waitFor(1)]);
});
afterAll(async () => {
  await sandbox.close();
  await Promise.all([callbacks.close(), svix.close()]);
});

async function verificationFailure(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  if (!WebhookVerificationError.isInstance(error)) throw error;
  return error.reason;
}

describe('Bamboo webhooks from the sandbox', () => {
  it('accepts the notification callback with the right secret', async () => {
    const client = clientFor(sandbox, { notificationSecret: NOTIFICATION_SECRET });
    const event = await client.parseWebhook(callbacks.received[0]!);
    expect(event).toMatchObject({
      vendor: 'bamboo',
      reference,
      status: 'Succeeded',
      verifiedBy: 'shared_secret',
      id: `callback:${reference}:Succeeded`,
    });
  });

  it('rejects the callback with a wrong secret, or when none is configured', async () => {
    const wrong = clientFor(sandbox, { notificationSecret: 'another-secret' });
    expect(await verificationFailure(wrong.parseWebhook(callbacks.received[0]!))).toBe('bad_secret');
    expect(await verificationFailure(clientFor(sandbox).parseWebhook(callbacks.received[0]!))).toBe(
      'bad_secret',
    );
  });

  it('rejects a callback that is not the documented shape', async () => {
    const client = clientFor(sandbox, { notificationSecret: NOTIFICATION_SECRET });
    expect(await verificationFailure(client.parseWebhook({ headers: {}, rawBody: '{"hello":' }))).toBe(
      'malformed_body',
    );
  });

  it('accepts a Svix delivery with a good signature', async () => {
    const client = clientFor(sandbox, { webhookSecret: SVIX_SECRET });
    const delivery = svix.received[0]!;
    const event = await client.parseWebhook(delivery);
    expect(event).toMatchObject({
      vendor: 'bamboo',
      reference,
      verifiedBy: 'signature',
      id: delivery.headers['svix-id'],
    });
  });

  it('rejects a Svix delivery with a bad signature or a tampered body', async () => {
    const wrongSecret = clientFor(sandbox, {
      webhookSecret: `whsec_${Buffer.from('other').toString('base64')}`,
    });
    expect(await verificationFailure(wrongSecret.parseWebhook(svix.received[0]!))).toBe('bad_signature');
    const client = clientFor(sandbox, { webhookSecret: SVIX_SECRET });
    const tampered = {
      ...svix.received[0]!,
      rawBody: svix.received[0]!.rawBody.replace('Succeeded', 'Failed'),
    };
    expect(await verificationFailure(client.parseWebhook(tampered))).toBe('bad_signature');
  });

  it('rejects a Svix delivery with a stale timestamp', async () => {
    const tenMinutesLater = () => Date.now() + 10 * 60_000;
    const client = clientFor(sandbox, { webhookSecret: SVIX_SECRET, now: tenMinutesLater });
    expect(await verificationFailure(client.parseWebhook(svix.received[0]!))).toBe('stale_timestamp');
  });
});
