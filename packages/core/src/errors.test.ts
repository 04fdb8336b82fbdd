import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  GiftwireError,
  OutcomeUnknownError,
  ValidationError,
  VendorApiError,
  WebhookVerificationError,
} from './errors';

describe('error hierarchy', () => {
  it('recognises its own classes and their bases by marker', () => {
    const error = new VendorApiError({
      vendor: 'bamboo',
      code: 'insufficient_balance',
      retryable: false,
      httpStatus: 400,
      vendorCode: 'InsufficientBalance',
    });
    expect(VendorApiError.isInstance(error)).toBe(true);
    expect(GiftwireError.isInstance(error)).toBe(true);
    expect(OutcomeUnknownError.isInstance(error)).toBe(false);
    expect(ValidationError.isInstance(new Error('x'))).toBe(false);
    expect(GiftwireError.isInstance(null)).toBe(false);
    expect(error.name).toBe('VendorApiError');
    expect(error.message).toBe('bamboo: insufficient_balance InsufficientBalance (HTTP 400)');
    expect(error).toBeInstanceOf(Error);
  });

  it('works across duplicated package copies (the built CJS bundle is a second copy)', () => {
    const require = createRequire(import.meta.url);
    // turbo builds a package before testing it, so the bundle is there.
    const copy: typeof import('./index') = require('../dist/index.cjs');
    const foreign = new copy.OutcomeUnknownError({ vendor: 'bamboo', reason: 'timeout', reference: 'r-1' });
    expect(foreign).not.toBeInstanceOf(OutcomeUnknownError);
    expect(OutcomeUnknownError.isInstance(foreign)).toBe(true);
    expect(GiftwireError.isInstance(foreign)).toBe(true);
    expect(
      copy.OutcomeUnknownError.isInstance(new OutcomeUnknownError({ vendor: 'x', reason: 'timeout' })),
    ).toBe(true);
  });

  it('keeps bodies as secrets and only safe headers in clear', () => {
    const body = '{"cardCode":"cb05747ed9fe497b92c80f10cf8406d7"}';
    const error = new VendorApiError({
      vendor: 'bamboo',
      code: 'invalid_response',
      retryable: false,
      body,
      headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'session=abc', 'x-request-id': 'req-9' },
      invalidPaths: ['items.0.cards.0.status'],
    });
    expect(error.body?.reveal()).toBe(body);
    expect(error.headers).toEqual({
      'content-type': 'application/json',
      'set-cookie': '[redacted]',
      'x-request-id': 'req-9',
    });
    const rendered = `${inspect(error)} ${JSON.stringify(error)} ${error.message} ${error.stack}`;
    expect(rendered).not.toContain('cb05747ed9fe497b92c80f10cf8406d7');
    expect(rendered).not.toContain('session=abc');
    expect(error.message).toContain('items.0.cards.0.status');
  });

  it('names the webhook failure without the expected value', () => {
    const error = new WebhookVerificationError('bamboo', 'bad_secret');
    expect(error.message).toBe('bamboo: webhook rejected (bad_secret)');
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
  });

  it('keeps the cause of an unknown outcome', () => {
    const cause = new Error('socket hang up');
    const error = new OutcomeUnknownError({
      vendor: 'bamboo',
      reason: 'connection_reset',
      reference: 'abc',
      cause,
    });
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/reference abc is unknown \(connection_reset\)/);
  });
});
