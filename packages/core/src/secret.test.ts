import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret';

const CODE = 'cb05747ed9fe497b92c80f10cf8406d7';

describe('Secret', () => {
  const secret = new Secret(CODE);

  it('reveals its value only through reveal()', () => {
    expect(secret.reveal()).toBe(CODE);
  });

  it.each([
    ['String()', () => String(secret)],
    ['template string', () => `${secret}`],
    ['concatenation', () => `code: ${secret}`],
    ['toString()', () => secret.toString()],
    ['JSON.stringify', () => JSON.stringify({ voucher: { code: secret } })],
    ['util.inspect', () => inspect({ code: secret }, { depth: 10, showHidden: true })],
    ['util.format %s %o %j', () => format('%s %o %j %O', secret, secret, secret, { secret })],
    ['Error message', () => new Error(`bad code ${secret}`).message],
    ['Error stack', () => new Error(`bad code ${secret}`).stack ?? ''],
    ['Object spread', () => JSON.stringify({ ...secret })],
    ['structuredClone', () => inspect(structuredClone({ a: 1 })) + JSON.stringify(Object.entries(secret))],
  ])('renders redacted through %s', (_name, render) => {
    const text = render();
    expect(text).not.toContain(CODE);
  });

  it('says [redacted] where it renders', () => {
    expect(String(secret)).toBe('[redacted]');
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    expect(inspect(secret)).toBe('Secret([redacted])');
  });

  it('is redacted through console.log', () => {
    // A Console over our own stream formats exactly as the global console does (util.formatWithOptions).
    let output = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        output += String(chunk);
        done();
      },
    });
    const logger = new Console({ stdout: sink, stderr: sink });
    logger.log(secret, { nested: { secret } }, `${secret}`);
    logger.error('%s and %o', secret, { secret });
    logger.table([{ code: secret }]);
    logger.dir({ secret }, { depth: 5 });
    expect(output).toContain('[redacted]');
    expect(output).not.toContain(CODE);
  });

  it('is redacted through pino', () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        output += String(chunk);
        done();
      },
    });
    const logger = pino({}, sink);
    logger.info({ voucher: { code: secret }, codes: [secret] }, 'issued %s', secret);
    logger.error(new Error(`failed for ${secret}`));
    expect(output).toContain('[redacted]');
    expect(output).not.toContain(CODE);
  });

  it('compares in constant time, with secrets or plain values', () => {
    expect(secret.equals(new Secret(CODE))).toBe(true);
    expect(secret.equals(CODE)).toBe(true);
    expect(secret.equals('cb05747ed9fe497b92c80f10cf8406d8')).toBe(false);
    expect(secret.equals('short')).toBe(false);
    expect(secret.equals('')).toBe(false);
  });

  it('is recognised across package copies by marker, and cannot be altered', () => {
    expect(Secret.isInstance(secret)).toBe(true);
    expect(Secret.isInstance({ reveal: () => CODE })).toBe(false);
    // Another copy of this package: its own class, the same global marker on its prototype.
    class OtherCopySecret {}
    Object.defineProperty(OtherCopySecret.prototype, Symbol.for('giftwire.secret'), { value: true });
    expect(Secret.isInstance(new OtherCopySecret())).toBe(true);
    expect(Object.isFrozen(secret)).toBe(true);
    expect(Secret.from(secret)).toBe(secret);
    expect(Secret.from(undefined)).toBeUndefined();
    expect(Secret.from('x').reveal()).toBe('x');
  });
});
