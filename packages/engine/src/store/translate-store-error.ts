import { GiftwireError } from '@giftwire/core';
import { StoreUnavailableError } from '../errors';

/**
 * SQLSTATEs the server sends when it is going away or cannot take the connection: class 08 (connection
 * exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * Whether a `pg` failure means the database could not be reached, decided by type, not message: an error
 * the server sent (pg's `DatabaseError`, with a SQLSTATE) is about the statement unless its SQLSTATE says
 * the server is unavailable; anything else `pg` throws from a query or a connect — a socket error (ECONN…),
 * "Connection terminated", a connect timeout, a pool already ended — never got an answer from the server.
 * Programming errors (TypeError and the like) and our own errors are left alone.
 */
export function isPgConnectionFailure(
  error: unknown,
  DatabaseError: abstract new (...args: never[]) => Error,
) {
  if (error instanceof DatabaseError) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code);
  }
  if (!(error instanceof Error)) return false;
  const programmingError =
    error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
  return !programmingError && !GiftwireError.isInstance(error);
}

/** Rethrows `error` as `StoreUnavailableError` when `unavailable` says so, unchanged otherwise. */
export function translateStoreError(error: unknown, unavailable: boolean): never {
  if (unavailable && !StoreUnavailableError.isInstance(error))
    throw new StoreUnavailableError({ cause: error });
  throw error;
}
