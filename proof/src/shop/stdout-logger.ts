import type { Logger } from '@giftwire/engine';

/**
 * A pino-shaped logger writing one JSON line per call to stdout: everything the shop logs reaches the runner,
 * which scans it for secrets. Values that cannot be serialized are written as their string form, so a log call
 * never throws.
 */
export function stdoutLogger(): Logger {
  const write = (level: string) => (object: Record<string, unknown>, message?: string) => {
    let line: string;
    try {
      line = JSON.stringify({ level, ...object, msg: message });
    } catch {
      line = JSON.stringify({ level, msg: message, unserializable: String(object) });
    }
    process.stdout.write(`${line}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
