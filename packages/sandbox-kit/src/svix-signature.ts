import { createHmac, randomBytes } from 'node:crypto';

/**
 * Svix-style signing: HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the base64 part of a
 * `whsec_…` secret, sent as `v1,<base64>`.
 *
 * @example
 * const id = newSvixMessageId();
 * svixSignature("whsec_c2VjcmV0", id, Math.floor(Date.now() / 1000), body); // "v1,…"
 */
export function svixSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function newSvixMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}
