import { describe, expect, it } from 'vitest';
import error401 from './__fixtures__/error-401-unauthorized.json';
import error404 from './__fixtures__/error-404-not-found.json';
import error500 from './__fixtures__/error-500-internal-error.json';
import { classifyStarshipError, findStarshipReason } from './starship-reasons';

const respond = (status: number, json: unknown) => ({
  status,
  headers: {},
  bodyText: JSON.stringify(json),
  json,
});

describe('the page error examples', () => {
  it('401 unauthorized', () => {
    expect(classifyStarshipError(respond(401, error401))).toEqual({
      code: 'unauthorized',
      vendorCode: 'unauthorized',
      retryable: false,
    });
  });
  it('404 not_found', () => {
    expect(classifyStarshipError(respond(404, error404))).toEqual({
      code: 'not_found',
      vendorCode: 'not_found',
      retryable: false,
    });
  });
  it('500 internal_error: left to the http layer to retry', () => {
    expect(classifyStarshipError(respond(500, error500))).toEqual({
      code: 'vendor_unavailable',
      vendorCode: 'internal_error',
    });
  });
});

describe('the other envelopes', () => {
  it.each([
    [
      422,
      {
        error: {
          name: 'ValidationException',
          code: 'E_VALIDATION_FAILURE',
          message: 'Validation failure',
          messages: [{ field: 'product_id' }],
        },
      },
      'invalid_request',
    ],
    [
      400,
      { error: { name: 'Exception', code: 'INVALID_INPUT', message: 'bad', messages: [] } },
      'invalid_request',
    ],
    [401, { error: { name: 'Exception', code: 'E_UNAUTHORIZED_ACCESS', message: 'no' } }, 'unauthorized'],
    [
      400,
      { error: { code: 'IDEMPOTENCY_KEY_REQUIRED', message: 'required', details: {} } },
      'invalid_request',
    ],
    [
      400,
      { error: { code: 'IDEMPOTENCY_KEY_TOO_SHORT', message: 'short', details: { min_length: 8 } } },
      'invalid_request',
    ],
    [
      400,
      { error: { code: 'IDEMPOTENCY_KEY_TOO_LONG', message: 'long', details: { max_length: 256 } } },
      'invalid_request',
    ],
    [
      422,
      { error: { code: 'IDEMPOTENCY_KEY_MISMATCH', message: 'reused', details: {} } },
      'duplicate_reference',
    ],
    [
      422,
      { error: { name: 'Exception', code: 'INSUFFICIENT_BALANCE', message: 'no money' } },
      'insufficient_balance',
    ],
    [
      422,
      { error: { name: 'Exception', code: 'PRODUCT_UNAVAILABLE', message: 'gone' } },
      'product_unavailable',
    ],
  ])('%i %j → %s', (status, body, code) => {
    expect(classifyStarshipError(respond(status, body))).toMatchObject({ code, retryable: false });
  });

  it('a 429 keeps the http layer retrying', () => {
    expect(classifyStarshipError(respond(429, { error: 'rate_limited', message: 'slow down' }))).toEqual({
      code: 'rate_limited',
      vendorCode: 'rate_limited',
    });
  });
});

describe('reading codes only from code fields', () => {
  it.each([
    ['a message naming a code', { message: 'INSUFFICIENT_BALANCE happened' }],
    ['free text in the error field', { error: 'upstream said E_VALIDATION_FAILURE' }],
    ['a code of nobody', { error: { code: 'SOMETHING_NEW' } }],
    ['not JSON', undefined],
    ['an array', [{ error: 'unauthorized' }]],
  ])('%s names no reason', (_name, json) => {
    expect(classifyStarshipError({ status: 400, headers: {}, bodyText: '', json })).toBeUndefined();
  });

  it('finds the code in either envelope', () => {
    expect(findStarshipReason({ error: 'not_found', message: 'x' })).toBe('not_found');
    expect(findStarshipReason({ error: { code: 'INVALID_INPUT' } })).toBe('INVALID_INPUT');
    expect(findStarshipReason({ message: 'x' })).toBeUndefined();
  });
});
