import { Secret, WebhookVerificationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { signSvixWebhook, type VerifySvixWebhookOptions, verifySvixWebhook } from './svix';

// The published example of the Standard Webhooks specification, which Svix's libraries are tested against.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const atVector = vector.timestamp * 1000;
const headers = {
  'svix-id': vector.id,
  'svix-timestamp': String(vector.timestamp),
  'svix-signature': vector.signature,
};

function reason(options: Partial<VerifySvixWebhookOptions>): string | undefined {
  try {
    verifySvixWebhook({
      vendor: 'acme',
      secret: vector.secret,
      headers,
      rawBody: vector.body,
      now: atVector,
      ...options,
    });
    return undefined;
  } catch (error) {
    if (!WebhookVerificationError.isInstance(error)) throw error;
    return error.reason;
  }
}

describe('verifySvixWebhook', () => {
  it('accepts the published example and returns its id and timestamp', () => {
    expect(
      verifySvixWebhook({
        vendor: 'acme',
        secret: vector.secret,
        headers,
        rawBody: vector.body,
        now: atVector,
      }),
    ).toEqual({ id: vector.id, timestamp: vector.timestamp });
  });

  it('accepts the secret without its prefix, as a Secret, the body as bytes, and headers in any case', () => {
    expect(reason({ secret: vector.secret.slice('whsec_'.length) })).toBeUndefined();
    expect(reason({ secret: new Secret(vector.secret) })).toBeUndefined();
    expect(reason({ rawBody: Buffer.from(vector.body) })).toBeUndefined();
    expect(
      reason({
        headers: {
          'Svix-Id': vector.id,
          'SVIX-TIMESTAMP': headers['svix-timestamp'],
          'svix-Signature': vector.signature,
        },
      }),
    ).toBeUndefined();
    expect(reason({ headers: new Headers(headers) })).toBeUndefined();
  });

  it('accepts any matching entry among several (secret rotation)', () => {
    const other = signSvixWebhook({
      secret: 'whsec_b3RoZXItc2VjcmV0LWtleQ==',
      id: vector.id,
      timestamp: vector.timestamp,
      rawBody: vector.body,
    });
    const signature = `${other['svix-signature']} v2,abc ${vector.signature}`;
    expect(reason({ headers: { ...headers, 'svix-signature': signature } })).toBeUndefined();
    expect(reason({ headers: { ...headers, 'svix-signature': `${other['svix-signature']} v1,AAAA` } })).toBe(
      'bad_signature',
    );
  });

  it('rejects a changed body, id or timestamp, and a signature under another version tag', () => {
    expect(reason({ rawBody: '{"test": 2432232315}' })).toBe('bad_signature');
    expect(reason({ headers: { ...headers, 'svix-id': 'msg_other' } })).toBe('bad_signature');
    expect(reason({ headers: { ...headers, 'svix-timestamp': String(vector.timestamp + 1) } })).toBe(
      'bad_signature',
    );
    expect(
      reason({ headers: { ...headers, 'svix-signature': vector.signature.replace('v1,', 'v2,') } }),
    ).toBe('bad_signature');
  });

  it('rejects stale and future timestamps', () => {
    expect(reason({ now: atVector + 301_000 })).toBe('stale_timestamp');
    expect(reason({ now: atVector - 301_000 })).toBe('stale_timestamp');
    expect(reason({ now: atVector + 30_000, toleranceSeconds: 10 })).toBe('stale_timestamp');
    expect(reason({ now: atVector + 299_000 })).toBeUndefined();
  });

  it('reports missing headers and unusable secrets', () => {
    for (const name of ['svix-id', 'svix-timestamp', 'svix-signature'] as const) {
      const { [name]: _dropped, ...rest } = headers;
      expect(reason({ headers: rest })).toBe('missing_signature');
    }
    expect(reason({ secret: 'whsec_' })).toBe('bad_secret');
    expect(reason({ secret: 'whsec_not base64!' })).toBe('bad_secret');
  });
});

describe('signSvixWebhook', () => {
  it('reproduces the published example', () => {
    expect(
      signSvixWebhook({
        secret: vector.secret,
        id: vector.id,
        timestamp: vector.timestamp,
        rawBody: vector.body,
      }),
    ).toEqual(headers);
  });
});
