import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export interface CardFactory {
  /** A random code of `bytes` random bytes in hex (default 16: 32 hex digits), unique in this factory. */
  code(bytes?: number): string;
  /** A random PIN of `min`..`max - 1` (default 3–4 digits), as a string. */
  pin(min?: number, max?: number): string;
  /** A UUID serial number. */
  serial(): string;
  /** A unique claim URL under `base` with a random token. */
  claimUrl(base: string): string;
}

/**
 * Random card data for a sandbox: codes and claim URLs never repeat within one factory, so a test can tell
 * every card apart and a leak scan finds each one.
 *
 * @example
 * const cards = createCardFactory();
 * const card = { code: cards.code(), pin: cards.pin(), serial: cards.serial() };
 */
export function createCardFactory(): CardFactory {
  const issued = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const value = make();
      if (!issued.has(value)) {
        issued.add(value);
        return value;
      }
    }
  };
  return {
    code: (bytes = 16) => unique(() => randomBytes(bytes).toString('hex')),
    pin: (min = 100, max = 10_000) => String(randomInt(min, max)),
    serial: () => randomUUID(),
    claimUrl: (base) => unique(() => `${base.replace(/\/+$/, '')}/${randomBytes(18).toString('base64url')}`),
  };
}
