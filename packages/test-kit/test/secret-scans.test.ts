import { Secret } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import {
  captureLogs,
  expectNothingSecretIn,
  expectNothingSecretLogged,
  findIssuedSecrets,
} from '../src/index';

const issued = { codes: ['CODE-AAAA-BBBB-CCCC'], pins: ['4821'], urls: ['https://claim.example/abc123'] };
const sandbox = { issuedSecrets: () => issued };

describe('secret scans', () => {
  it('finds codes anywhere, PINs only as quoted values, and never repeats them in the error', () => {
    expect(findIssuedSecrets('at 1700004821000 nothing', issued)).toEqual([]);
    expect(findIssuedSecrets('{"pin":"4821"} CODE-AAAA-BBBB-CCCC', issued)).toEqual([
      { kind: 'code', index: 0 },
      { kind: 'pin', index: 0 },
    ]);
    const logs = captureLogs();
    logs.info({ order: { code: 'CODE-AAAA-BBBB-CCCC', pin: '4821' } }, 'settled');
    let message = '';
    try {
      expectNothingSecretLogged(logs, sandbox);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('1 code and 1 PIN were logged in clear');
    expect(message).not.toContain('CODE-AAAA');
  });

  it('finds activation codes where a sandbox lists them', () => {
    const withActivation = { ...issued, activationCodes: ['ACT123'] };
    expect(findIssuedSecrets('activate with ACT123', withActivation)).toEqual([
      { kind: 'activation code', index: 0 },
    ]);
    expect(findIssuedSecrets('activate with ACT123', issued)).toEqual([]);
  });

  it('passes logs that hold only redacted secrets, and catches a configured credential', () => {
    const logs = captureLogs();
    logs.warn({ code: new Secret('CODE-AAAA-BBBB-CCCC') }, 'retrying');
    expectNothingSecretLogged(logs, sandbox);
    logs.error({ err: new Error('401 for client secret s3cr3t-value') }, 'auth failed');
    expect(() =>
      expectNothingSecretLogged(logs.text(), [sandbox], { credentials: ['s3cr3t-value'] }),
    ).toThrow('1 credential was logged in clear');
  });

  it('scans both JSON and util.inspect of a value', () => {
    class Hidden {
      toJSON() {
        return {};
      }
      constructor(readonly url = 'https://claim.example/abc123') {}
    }
    expect(() => expectNothingSecretIn(new Hidden(), sandbox)).toThrow('1 claim URL was serialized in clear');
    const error = new Error('failed', { cause: { pin: '4821' } });
    expect(() => expectNothingSecretIn(error, sandbox)).toThrow('1 PIN was serialized in clear');
    expectNothingSecretIn({ code: new Secret('CODE-AAAA-BBBB-CCCC') }, sandbox);
  });
});
