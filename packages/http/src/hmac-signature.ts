import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, WebhookVerificationError } from '@giftwire/core';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';
export type WebhookSecret = string | Uint8Array | Secret<string>;

export interface ComputeHmacOptions {
  secret: WebhookSecret;
  /** The bytes exactly as sent: re-serialized JSON does not match the vendor's signature. */
  payload: string | Uint8Array;
  algorithm?: HmacAlgorithm;
  encoding?: SignatureEncoding;
}

export function computeHmac({
  secret,
  payload,
  algorithm = 'sha256',
  encoding = 'hex',
}: ComputeHmacOptions): string {
  return createHmac(algorithm, secretBytes(secret)).update(payload).digest(encoding);
}

/**
 * Compares two byte strings in time that depends only on their length. Different lengths answer `false`
 * at once: a signature's length is public, its content is not.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface VerifyHmacSignatureOptions extends ComputeHmacOptions {
  vendor: string;
  /** The signature the vendor sent, in `encoding`. */
  signature: string | null | undefined;
  /** Unix seconds the vendor says it signed at; checked against `toleranceSeconds` to refuse replays. */
  timestamp?: number | string | undefined;
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: number;
}

/**
 * Verifies a vendor's HMAC over `payload`, throwing `WebhookVerificationError` on any failure. If the vendor
 * signs the timestamp too (e.g. `${timestamp}.${body}`), pass that composed string as `payload`.
 */
export function verifyHmacSignature(options: VerifyHmacSignatureOptions): void {
  const { vendor, signature, encoding = 'hex' } = options;
  const key = secretBytes(options.secret);
  if (key.length === 0) throw new WebhookVerificationError(vendor, 'bad_secret');
  if (!signature) throw new WebhookVerificationError(vendor, 'missing_signature');
  if (options.timestamp !== undefined) {
    assertFresh(vendor, options.timestamp, options.toleranceSeconds ?? 300, options.now ?? Date.now());
  }
  const expected = createHmac(options.algorithm ?? 'sha256', key)
    .update(options.payload)
    .digest();
  const given = decodeSignature(signature.trim(), encoding);
  if (given === undefined || !constantTimeEqual(expected, given)) {
    throw new WebhookVerificationError(vendor, 'bad_signature');
  }
}

export interface CreateTestSignatureOptions extends ComputeHmacOptions {
  /** Unix seconds to report as the signing time; defaults to now. */
  timestamp?: number;
}

/**
 * Signs a payload the way a vendor would, for tests of webhook endpoints.
 *
 * @example
 * const rawBody = JSON.stringify({ orderId: 'abc' });
 * const { signature } = createTestSignature({ secret: 'whsec-test', payload: rawBody });
 * await fetch(hookUrl, { method: 'POST', headers: { 'x-signature': signature }, body: rawBody });
 */
export function createTestSignature(options: CreateTestSignatureOptions): {
  signature: string;
  timestamp: number;
} {
  return { signature: computeHmac(options), timestamp: options.timestamp ?? Math.floor(Date.now() / 1000) };
}

/** Rejects timestamps too far in the past (replays) or the future (a clock we should not trust). */
export function assertFresh(
  vendor: string,
  timestamp: number | string,
  toleranceSeconds: number,
  now: number,
): void {
  const seconds =
    typeof timestamp === 'number' ? timestamp : /^\s*\d+\s*$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError(vendor, 'stale_timestamp');
  }
}

export function secretBytes(secret: WebhookSecret): Uint8Array {
  const value = Secret.isInstance(secret) ? (secret as Secret<string>).reveal() : secret;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

const HEX = /^(?:[0-9a-f]{2})+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Decodes strictly: Buffer's own decoders skip bad characters, which would let a mangled value through. */
function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  if (encoding === 'hex') return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}
