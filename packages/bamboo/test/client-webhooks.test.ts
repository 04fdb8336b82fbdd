import { WebhookVerificationError } from '@giftwire/core';
import { type RecordingServer, startRecordingServer } from '@giftwire/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from '../src/sandbox/index';
import { clientFor, orderOf, rejectionOf, sandboxLimits } from './client-helpers';

const NOTIFICATION_SECRET = 'callback-secret-1234';
const SVIX_SECRET = `whsec_${Buffer.from('svix-endpoint-secret-bytes').toString('base64')}`;

let sandbox: BambooSandbox;
// Local endpoints that record what the sandbox delivers, byte for byte.
let callbacks: RecordingServer;
let svix: RecordingServer;
let reference: string;

beforeAll(async () => {
  callbacks = await startRecordingServer();
  svix = await startRecordingServer();
  sandbox = await startBambooSandbox({
    limits: sandboxLimits,
    scenario: { processingAfterMs: 10, settleAfterMs: 30 },
    notification: { url: `${callbacks.url}/hooks`, secretKey: NOTIFICATION_SECRET },
    svix: { url: `${svix.url}/hooks`, secret: SVIX_SECRET },
  });
  const request = orderOf(439685, '10');
  reference = request.reference;
  await clientFor(sandbox).placeOrder(request);
  await Promise.all([callbacks.waitForRequests(1), svix.waitForRequests(1)]);
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
    const event = await client.parseWebhook(callbacks.requests[0]!);
    expect(event).toMatchObject({
      vendor: 'bamboo',
      reference,
      status: 'Succeeded',
      claimedStatus: 'fulfilled',
      verifiedBy: 'shared_secret',
      id: `callback:${reference}:Succeeded`,
    });
  });

  it('rejects the callback with a wrong secret, or when none is configured', async () => {
    const wrong = clientFor(sandbox, { notificationSecret: 'another-secret' });
    expect(await verificationFailure(wrong.parseWebhook(callbacks.requests[0]!))).toBe('bad_secret');
    expect(await verificationFailure(clientFor(sandbox).parseWebhook(callbacks.requests[0]!))).toBe(
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
    const delivery = svix.requests[0]!;
    const event = await client.parseWebhook(delivery);
    expect(event).toMatchObject({
      vendor: 'bamboo',
      reference,
      claimedStatus: 'fulfilled',
      verifiedBy: 'signature',
      id: delivery.headers['svix-id'],
    });
  });

  it('rejects a Svix delivery with a bad signature or a tampered body', async () => {
    const wrongSecret = clientFor(sandbox, {
      webhookSecret: `whsec_${Buffer.from('other').toString('base64')}`,
    });
    expect(await verificationFailure(wrongSecret.parseWebhook(svix.requests[0]!))).toBe('bad_signature');
    const client = clientFor(sandbox, { webhookSecret: SVIX_SECRET });
    const tampered = {
      ...svix.requests[0]!,
      rawBody: svix.requests[0]!.body.replace('Succeeded', 'Failed'),
    };
    expect(await verificationFailure(client.parseWebhook(tampered))).toBe('bad_signature');
  });

  it('rejects a Svix delivery with a stale timestamp', async () => {
    const tenMinutesLater = () => Date.now() + 10 * 60_000;
    const client = clientFor(sandbox, { webhookSecret: SVIX_SECRET, now: tenMinutesLater });
    expect(await verificationFailure(client.parseWebhook(svix.requests[0]!))).toBe('stale_timestamp');
  });
});
