import { Writable } from 'node:stream';
import { Secret } from '@giftwire/core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redactForLog, redactingLogger } from './logger';

describe('redacting logger', () => {
  it('redacts Secrets and code-bearing fields at any depth, keeps the rest', () => {
    const out = redactForLog({
      reference: 'r-1',
      voucher: { code: 'PLAIN-CODE', pin: '1234', serial: 's-1', status: 'issued' },
      cards: [{ cardCode: 'X', cardPin: 'Y', activationUrl: 'https://a' }],
      secret: new Secret('S'),
      nested: { deeper: { authorization: 'Basic abc', token: 't' } },
      count: 3,
    });
    expect(out).toEqual({
      reference: 'r-1',
      voucher: { code: '[redacted]', pin: '[redacted]', serial: 's-1', status: 'issued' },
      cards: [{ cardCode: '[redacted]', cardPin: '[redacted]', activationUrl: '[redacted]' }],
      secret: '[redacted]',
      nested: { deeper: { authorization: '[redacted]', token: '[redacted]' } },
      count: 3,
    });
  });

  it('passes every line through redaction on the way to pino', () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        output += String(chunk);
        done();
      },
    });
    const logger = redactingLogger(pino({ level: 'debug' }, sink));
    logger.info({ voucher: { code: 'LEAK-1' }, claimUrl: 'https://claim/LEAK-2' }, 'issued');
    logger.error({ err: new Error('boom'), pin: 'LEAK-3' }, 'failed');
    expect(output).toContain('issued');
    expect(output).toContain('boom');
    for (const leak of ['LEAK-1', 'LEAK-2', 'LEAK-3']) expect(output).not.toContain(leak);
  });
});
