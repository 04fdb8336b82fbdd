import { createHmac } from 'node:crypto';
import { Secret, WebhookVerificationError } from '@giftwire/core';
import { type HeaderSource, headerValue } from './header-value';
import { assertFresh, constantTimeEqual } from './hmac-signature';

export type SvixSecret = string | Secret<string>;

export interface VerifySvixWebhookOptions {
  vendor: string;
  /** `whsec_<base64>` as the vendor's dashboard shows it; the bare base64 is accepted too. */
  secret: SvixSecret;
  headers: HeaderSource;
  /** The body exactly as received. */
  rawBody: string | Uint8Array;
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: number;
}

/**
 * Verifies a webhook signed the Svix / Standard Webhooks way: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * keyed with the secret's decoded bytes. The signature header holds space-separated `v1,<base64>` entries
 * (several while a secret is being rotated); any one matching is enough. Throws `WebhookVerificationError`.
 */
export function verifySvixWebhook(options: VerifySvixWebhookOptions): { id: string; timestamp: number } {
  const { vendor, headers } = options;
  const key = svixKey(vendor, options.secret);
  const id = headerValue(headers, 'svix-id');
  const timestamp = headerValue(headers, 'svix-timestamp');
  const signatures = headerValue(headers, 'svix-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError(vendor, 'missing_signature');
  assertFresh(vendor, timestamp, options.toleranceSeconds ?? 300, options.now ?? Date.now());
  const expected = svixDigest(key, id, timestamp, options.rawBody);
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    if (constantTimeEqual(expected, Buffer.from(entry.slice(comma + 1), 'base64'))) {
      return { id, timestamp: Number(timestamp) };
    }
  }
  throw new WebhookVerificationError(vendor, 'bad_signature');
}

export interface SignSvixWebhookOptions {
  secret: SvixSecret;
  id: string;
  /** Unix seconds. */
  timestamp: number;
  rawBody: string | Uint8Array;
}

/** The three headers a Svix sender would attach; for tests and sandboxes. */
export function signSvixWebhook(
  options: SignSvixWebhookOptions,
): Record<'svix-id' | 'svix-timestamp' | 'svix-signature', string> {
  const timestamp = String(Math.floor(options.timestamp));
  const signature = svixDigest(
    svixKey('svix', options.secret),
    options.id,
    timestamp,
    options.rawBody,
  ).toString('base64');
  return { 'svix-id': options.id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` };
}

function svixKey(vendor: string, secret: SvixSecret): Buffer {
  const text = (Secret.isInstance(secret) ? (secret as Secret<string>).reveal() : secret).replace(
    /^whsec_/,
    '',
  );
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length === 0) throw new WebhookVerificationError(vendor, 'bad_secret');
  return key;
}

function svixDigest(key: Buffer, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}
