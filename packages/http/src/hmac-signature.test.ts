import { createHmac } from 'node:crypto';
import { Secret, WebhookVerificationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import {
  computeHmac,
  constantTimeEqual,
  createTestSignature,
  type VerifyHmacSignatureOptions,
  verifyHmacSignature,
} from './hmac-signature';

const secret = 'whk-test-secret';
const payload = '{"orderId":"o-1","status":"Succeeded"}';
const now = 1_700_000_000_000;

function reason(options: VerifyHmacSignatureOptions): string | undefined {
  try {
    verifyHmacSignature(options);
    return undefined;
  } catch (error) {
    if (!WebhookVerificationError.isInstance(error)) throw error;
    return error.reason;
  }
}

describe('computeHmac', () => {
  it('matches node:crypto for each algorithm and encoding', () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      for (const encoding of ['hex', 'base64'] as const) {
        expect(computeHmac({ secret, payload, algorithm, encoding })).toBe(
          createHmac(algorithm, secret).update(payload).digest(encoding),
        );
      }
    }
  });

  it('accepts the secret as a Secret or bytes, and the payload as bytes', () => {
    const expected = computeHmac({ secret, payload });
    expect(computeHmac({ secret: new Secret(secret), payload })).toBe(expected);
    expect(computeHmac({ secret: Buffer.from(secret), payload: Buffer.from(payload) })).toBe(expected);
  });
});

describe('verifyHmacSignature', () => {
  const good = computeHmac({ secret, payload });
  const base = { vendor: 'acme', secret, payload, now } as const;

  it('accepts a good signature, hex in either case, or base64', () => {
    expect(reason({ ...base, signature: good })).toBeUndefined();
    expect(reason({ ...base, signature: good.toUpperCase() })).toBeUndefined();
    const b64 = computeHmac({ secret, payload, encoding: 'base64' });
    expect(reason({ ...base, signature: b64, encoding: 'base64' })).toBeUndefined();
  });

  it('rejects a signature over another payload or with another secret', () => {
    expect(reason({ ...base, signature: computeHmac({ secret, payload: `${payload} ` }) })).toBe(
      'bad_signature',
    );
    expect(reason({ ...base, signature: computeHmac({ secret: 'other', payload }) })).toBe('bad_signature');
  });

  it('rejects a signature of another length, or not in the encoding, without throwing inside the compare', () => {
    expect(reason({ ...base, signature: good.slice(0, -2) })).toBe('bad_signature');
    expect(reason({ ...base, signature: `${good}00` })).toBe('bad_signature');
    expect(reason({ ...base, signature: `${good.slice(0, -2)}zz` })).toBe('bad_signature');
    expect(constantTimeEqual(Buffer.from('ab'), Buffer.from('abc'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
  });

  it('reports a missing signature or an empty secret', () => {
    expect(reason({ ...base, signature: undefined })).toBe('missing_signature');
    expect(reason({ ...base, signature: '' })).toBe('missing_signature');
    expect(reason({ ...base, secret: '', signature: good })).toBe('bad_secret');
  });

  it('rejects timestamps outside the tolerance either way', () => {
    const at = now / 1000;
    expect(reason({ ...base, signature: good, timestamp: at - 299 })).toBeUndefined();
    expect(reason({ ...base, signature: good, timestamp: String(at + 299) })).toBeUndefined();
    expect(reason({ ...base, signature: good, timestamp: at - 301 })).toBe('stale_timestamp');
    expect(reason({ ...base, signature: good, timestamp: at + 301 })).toBe('stale_timestamp');
    expect(reason({ ...base, signature: good, timestamp: at - 50, toleranceSeconds: 10 })).toBe(
      'stale_timestamp',
    );
    expect(reason({ ...base, signature: good, timestamp: 'yesterday' })).toBe('stale_timestamp');
  });

  it('never names the expected signature in the error', () => {
    try {
      verifyHmacSignature({ ...base, signature: 'ab'.repeat(32) });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(good);
    }
  });

  it('verifies what createTestSignature produced', () => {
    const { signature, timestamp } = createTestSignature({ secret, payload, timestamp: now / 1000 });
    expect(timestamp).toBe(now / 1000);
    expect(reason({ ...base, signature, timestamp })).toBeUndefined();
  });
});
