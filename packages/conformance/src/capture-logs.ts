import type { Logger } from '@giftwire/engine';

/**
 * A logger that keeps every line in memory as JSON, so a case can scan all the engine logged.
 * TEMP: the shared `captureLogs` of @giftwire/test-kit replaces this once it lands on main.
 */
export function captureLogs(): { logger: Logger; text(): string } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (object: Record<string, unknown>, message?: string): void => {
      lines.push(JSON.stringify({ level, ...object, msg: message }, errorsAsText));
    };
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    text: () => lines.join('\n'),
  };
}

/** Errors stringify to `{}`; a scan must see what a real logger would print of them. */
function errorsAsText(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
