import { createHash, timingSafeEqual } from 'node:crypto';

export const REDACTED = '[redacted]';

const SECRET_MARKER = Symbol.for('giftwire.secret');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Holds a voucher code, PIN, claim URL or credential. Every way of turning it into text — `String()`,
 * template strings, `JSON.stringify`, `util.inspect`, loggers, error messages — yields `[redacted]`;
 * only `reveal()` gives the value, so leaking one takes a deliberate act.
 */
export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
    Object.freeze(this);
  }

  /** Works across duplicated copies of this package, where `instanceof` would not. */
  static isInstance(value: unknown): value is Secret<unknown> {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[SECRET_MARKER] === true
    );
  }

  /** Wraps a value unless it is already a Secret; `undefined`/`null` stay absent. */
  static from<T extends NonNullable<unknown>>(value: T | Secret<T>): Secret<T>;
  static from<T extends NonNullable<unknown>>(value: T | Secret<T> | null | undefined): Secret<T> | undefined;
  static from<T>(value: T | Secret<T> | null | undefined): Secret<T> | undefined {
    if (value === undefined || value === null) return undefined;
    return Secret.isInstance(value) ? (value as Secret<T>) : new Secret(value as T);
  }

  reveal(): T {
    return this.#value;
  }

  /**
   * Constant-time comparison. Both sides are hashed first so that neither the content nor the length of
   * the secret shows in the timing.
   */
  equals(other: Secret<T> | T): boolean {
    const theirs = Secret.isInstance(other) ? (other as Secret<T>).reveal() : other;
    return timingSafeEqual(digest(this.#value), digest(theirs));
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return `Secret(${REDACTED})`;
  }
}

// On the prototype, not on each instance: a large order creates thousands of Secrets, and a per-instance
// defineProperty was most of what one cost. Every copy of this package shares the Symbol.for key.
Object.defineProperty(Secret.prototype, SECRET_MARKER, { value: true });

function digest(value: unknown): Buffer {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256')
    .update(text ?? '')
    .digest();
}

/** Reveals a secret if there is one; for code that hands a value to its owner on purpose. */
export function revealOptional<T>(secret: Secret<T> | undefined): T | undefined {
  return secret?.reveal();
}
