import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError, GiftwireError } from '@giftwire/core';

export interface EncryptionSettings {
  /** Key id → 32-byte key (a Buffer/Uint8Array, or base64 text). Keep retired keys here to read old rows. */
  keys: Readonly<Record<string, string | Uint8Array>>;
  /** The key new data is encrypted with. */
  activeKeyId: string;
}

/** Voucher data could not be decrypted: a missing key, a wrong key, or tampered data. Never holds the data. */
export class VoucherDecryptionError extends GiftwireError {
  static override readonly errorName: string = 'VoucherDecryptionError';
}

export interface VoucherCipher {
  readonly activeKeyId: string;
  /** Encrypts `plaintext`, bound to `context` (the order reference) so a sealed value cannot move between orders. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const FORMAT = 'gw1';
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * AES-256-GCM with a random 96-bit IV per value and the key id stored beside it, so keys can rotate: new
 * data uses `activeKeyId`, old rows still open with the key they name. Output: `gw1:<kid>:<iv>:<tag>:<data>`.
 *
 * @example
 * const cipher = createVoucherCipher({ keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' });
 * const sealed = cipher.seal('CODE-1234', reference); // 'gw1:k1:…'
 * cipher.open(sealed, reference); // 'CODE-1234'
 */
export function createVoucherCipher(settings: EncryptionSettings): VoucherCipher {
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(settings.keys)) {
    if (!KEY_ID.test(id)) throw new ConfigurationError(`encryption key id "${id}" must match ${KEY_ID}`);
    const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value);
    if (key.length !== 32) {
      throw new ConfigurationError(
        `encryption key "${id}" must be 32 bytes (AES-256), base64-encoded; got ${key.length}`,
      );
    }
    keys.set(id, key);
  }
  const active = keys.get(settings.activeKeyId);
  if (!active) {
    throw new ConfigurationError(
      `encryption.activeKeyId "${settings.activeKeyId}" is not among encryption.keys`,
    );
  }

  return {
    activeKeyId: settings.activeKeyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        FORMAT,
        settings.activeKeyId,
        iv.toString('base64url'),
        tag.toString('base64url'),
        data.toString('base64url'),
      ].join(':');
    },
    open(sealed, context) {
      const parts = sealed.split(':');
      if (parts.length !== 5 || parts[0] !== FORMAT) {
        throw new VoucherDecryptionError('voucher data is not in a format this version can read');
      }
      const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
      const key = keys.get(keyId);
      if (!key) {
        throw new VoucherDecryptionError(
          `voucher data was encrypted with key "${keyId}", which is not in encryption.keys`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new VoucherDecryptionError(
          `voucher data cannot be decrypted with key "${keyId}": the key is not the one it was encrypted with, or the data was altered`,
          { cause },
        );
      }
    },
  };
}

/**
 * A fresh random key, base64, for `encryption.keys`.
 *
 * @example
 * // Once, when setting up a shop; keep the result in your secret store as GIFTWIRE_KEY.
 * console.log(generateEncryptionKey());
 */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}
