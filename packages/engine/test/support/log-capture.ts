import { Writable } from 'node:stream';
import pino from 'pino';

/** A real pino logger writing into memory, so a test can scan everything the engine logged. */
export function captureLogs() {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), text: () => text };
}
