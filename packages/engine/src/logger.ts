import { REDACTED, Secret } from '@giftwire/core';

type LogFn = (object: Record<string, unknown>, message?: string) => void;

/** The subset of pino's interface the engine uses; a pino logger fits as it is. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const SENSITIVE_KEYS = new Set(
  [
    'code',
    'pin',
    'claimUrl',
    'cardCode',
    'cardPin',
    'cardNumber',
    'activationCode',
    'activationUrl',
    'redeemPin',
    'redeemLink',
    'secret',
    'secretKey',
    'clientSecret',
    'password',
    'authorization',
    'token',
    'apiKey',
    'rawBody',
    'secrets',
  ].map((k) => k.toLowerCase()),
);
const MAX_DEPTH = 8;

/**
 * Makes a value safe to log: Secrets and fields that usually hold codes or credentials become
 * `[redacted]`; errors keep their name, message and code only.
 */
export function redactForLog(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Secret.isInstance(value)) return REDACTED;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SENSITIVE_KEYS.has(key.toLowerCase()) && typeof item !== 'number' && typeof item !== 'boolean'
        ? REDACTED
        : redactForLog(item, depth + 1);
  }
  return out;
}

/** Wraps a logger so that every line passes through `redactForLog`. */
export function redactingLogger(logger: Logger): Logger {
  // Nothing reaches the silent logger, so there is nothing to redact (and no copying on the hot path).
  if (logger === silentLogger) return logger;
  const wrap =
    (fn: LogFn): LogFn =>
    (object, message) =>
      fn(redactForLog(object) as Record<string, unknown>, message);
  return {
    debug: wrap(logger.debug.bind(logger)),
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
  };
}

const noop: LogFn = () => {};
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
