import { jsonForScan } from './serialize-for-scan';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One logged line as the caller passed it, plus the JSON text a pino logger would have written. */
export interface LogEntry {
  readonly level: LogLevel;
  readonly object: Record<string, unknown>;
  readonly message: string | undefined;
  /** The line as pino would write it (`{"level":"info","msg":…,…fields}`), for leak scans. */
  readonly line: string;
}

type LogFn = (object: Record<string, unknown>, message?: string) => void;

/** A logger with pino's `(object, message)` shape that keeps everything logged through it. */
export interface CapturedLogs {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** The capture itself, so `const { logger, text } = captureLogs()` reads as before. */
  readonly logger: CapturedLogs;
  readonly entries: readonly LogEntry[];
  /** Every line so far, newline-separated. */
  text(): string;
  /** Entries whose message is, or contains, `message`. */
  withMessage(message: string | RegExp): LogEntry[];
  /** Forgets what was logged so far (between tests sharing one capture). */
  clear(): void;
}

/**
 * A logger for tests: it fits wherever the engine, a router or a vendor takes a pino-like logger, and
 * records every entry with the text a real logger would have written, so a test can scan it for secrets.
 * Serialization happens when the line is logged, as pino does: a value mutated later cannot hide a leak.
 *
 * @example
 * const logs = captureLogs();
 * const fulfiller = createFulfiller({ logger: logs, ... });
 * expectNothingSecretLogged(logs, sandbox);
 */
export function captureLogs(): CapturedLogs {
  const entries: LogEntry[] = [];
  const record =
    (level: LogLevel): LogFn =>
    (object, message) => {
      const fields = object !== null && typeof object === 'object' ? object : { value: object };
      const line = jsonForScan({
        level,
        time: Date.now(),
        ...fields,
        ...(message === undefined ? {} : { msg: message }),
      });
      entries.push({ level, object: fields, message, line });
    };
  const capture: CapturedLogs = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    get logger() {
      return capture;
    },
    entries,
    text: () => entries.map((entry) => entry.line).join('\n'),
    withMessage: (message) =>
      entries.filter((entry) =>
        typeof message === 'string' ? entry.message?.includes(message) : message.test(entry.message ?? ''),
      ),
    clear: () => {
      entries.length = 0;
    },
  };
  return capture;
}
