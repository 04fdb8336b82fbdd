import { Secret, WebhookVerificationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { parseStarshipWebhook } from './parse-starship-webhook';

const SECRET = new Secret('whsec-test');
const BODY =
  '{"event_type":"order.delivered","data":{"id":12345,"reference_code":"ORD-ABC123","status":"DELIVERED"}}';
// hex HMAC-SHA256('whsec-test', '1700000000.' + BODY), computed independently.
const SIGNATURE = '600a61290c9957ff84acba9b9a457247f0f6636cac37dce19c73fe0e70c01c11';
const AT = 1_700_000_000_000;

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return WebhookVerificationError.isInstance(error) ? error.reason : 'no rejection';
}

describe('parseStarshipWebhook', () => {
  it('verifies a fixed vector and reads the event', async () => {
    const event = await parseStarshipWebhook(
      { headers: { 'X-Signature': SIGNATURE, 'X-Timestamp': '1700000000' }, rawBody: BODY },
      { secret: SECRET, now: () => AT + 10_000 },
    );
    expect(event).toEqual({
      vendor: 'starship',
      id: 'order.delivered:12345:DELIVERED',
      type: 'order.delivered',
      reference: 'ord-abc123',
      vendorOrderId: '12345',
      status: 'DELIVERED',
      claimedStatus: 'fulfilled',
      verifiedBy: 'signature',
      receivedAt: new Date(AT + 10_000).toISOString(),
    });
  });

  it('accepts the body as bytes', async () => {
    const event = await parseStarshipWebhook(
      {
        headers: { 'x-signature': SIGNATURE, 'x-timestamp': '1700000000' },
        rawBody: new TextEncoder().encode(BODY),
      },
      { secret: SECRET, now: () => AT },
    );
    expect(event.type).toBe('order.delivered');
  });

  it('reads a part ref back as our reference', async () => {
    const { createHmac } = await import('node:crypto');
    const body =
      '{"event_type":"order.partially_delivered","data":{"id":7,"reference_code":"ABC-2of3","status":"PARTIALLY_DELIVERED"}}';
    const sig = createHmac('sha256', 'whsec-test').update(`1700000000.${body}`).digest('hex');
    const event = await parseStarshipWebhook(
      { headers: { 'x-signature': sig, 'x-timestamp': '1700000000' }, rawBody: body },
      { secret: SECRET, now: () => AT },
    );
    expect(event.reference).toBe('abc');
    expect(event.claimedStatus).toBe('partially_fulfilled');
  });

  it('claims a status only for a word of its status table', async () => {
    const { createHmac } = await import('node:crypto');
    const parse = (status: string) => {
      const body = `{"event_type":"order.updated","data":{"id":8,"reference_code":"ABC","status":"${status}"}}`;
      const sig = createHmac('sha256', 'whsec-test').update(`1700000000.${body}`).digest('hex');
      return parseStarshipWebhook(
        { headers: { 'x-signature': sig, 'x-timestamp': '1700000000' }, rawBody: body },
        { secret: SECRET, now: () => AT },
      );
    };
    expect((await parse('PROCESSING')).claimedStatus).toBe('processing');
    // An unknown word is no claim: the engine re-fetches.
    const odd = await parse('ON_HOLD');
    expect(odd.status).toBe('ON_HOLD');
    expect(odd.claimedStatus).toBeUndefined();
  });

  it.each([
    [
      'a forged signature',
      { 'x-signature': SIGNATURE.replace(/^6/, '7'), 'x-timestamp': '1700000000' },
      AT,
      'bad_signature',
    ],
    [
      'a signature of another timestamp',
      { 'x-signature': SIGNATURE, 'x-timestamp': '1700000001' },
      AT,
      'bad_signature',
    ],
    ['no signature', { 'x-timestamp': '1700000000' }, AT, 'missing_signature'],
    ['no timestamp', { 'x-signature': SIGNATURE }, AT, 'stale_timestamp'],
    [
      'a stale timestamp (6 min old)',
      { 'x-signature': SIGNATURE, 'x-timestamp': '1700000000' },
      AT + 360_000,
      'stale_timestamp',
    ],
    [
      'a timestamp from the future',
      { 'x-signature': SIGNATURE, 'x-timestamp': '1700000000' },
      AT - 360_000,
      'stale_timestamp',
    ],
    [
      'a signature that is not hex',
      { 'x-signature': 'zz', 'x-timestamp': '1700000000' },
      AT,
      'bad_signature',
    ],
  ])('refuses %s', async (_name, headers, now, expected) => {
    expect(
      await reason(parseStarshipWebhook({ headers, rawBody: BODY }, { secret: SECRET, now: () => now })),
    ).toBe(expected);
  });

  it('refuses a signed body of the wrong shape as malformed', async () => {
    const { createHmac } = await import('node:crypto');
    const body = '{"type":"x"}';
    const sig = createHmac('sha256', 'whsec-test').update(`1700000000.${body}`).digest('hex');
    expect(
      await reason(
        parseStarshipWebhook(
          { headers: { 'x-signature': sig, 'x-timestamp': '1700000000' }, rawBody: body },
          { secret: SECRET, now: () => AT },
        ),
      ),
    ).toBe('malformed_body');
  });

  it('refuses everything without a secret', async () => {
    expect(
      await reason(
        parseStarshipWebhook(
          { headers: { 'x-signature': SIGNATURE, 'x-timestamp': '1700000000' }, rawBody: BODY },
          { secret: undefined, now: () => AT },
        ),
      ),
    ).toBe('bad_secret');
  });
});
