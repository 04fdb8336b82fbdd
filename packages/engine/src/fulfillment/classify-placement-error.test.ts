import {
  OutcomeUnknownError,
  ValidationError,
  VendorApiError,
  type VendorApiErrorInit,
} from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { classifyPlacementError } from './classify-placement-error';

const apiError = (init: Omit<VendorApiErrorInit, 'vendor'>) => new VendorApiError({ vendor: 'v', ...init });

describe('classifyPlacementError', () => {
  it.each([
    ['a 408', { code: 'timeout', retryable: false, httpStatus: 408 }],
    ['a 404', { code: 'not_found', retryable: false, httpStatus: 404 }],
    ['a 409', { code: 'conflict', retryable: false, httpStatus: 409 }],
    [
      'a 502 with a vendor code',
      { code: 'insufficient_balance', retryable: false, httpStatus: 502, vendorCode: 'X' },
    ],
    ['a 400 without a vendor code', { code: 'invalid_request', retryable: false, httpStatus: 400 }],
    ['a final timeout without an answer', { code: 'timeout', retryable: false }],
    ['a final vendor_unavailable without an answer', { code: 'vendor_unavailable', retryable: false }],
  ] as const)('%s may have been taken: unknown', (_name, init) => {
    expect(classifyPlacementError(apiError(init)).kind).toBe('unknown');
  });

  it.each([
    [
      'a 400 with its vendor reason',
      { code: 'invalid_denomination', retryable: false, httpStatus: 400, vendorCode: 'InvalidDenomination' },
      'failed',
    ],
    ['a 401', { code: 'unauthorized', retryable: false, httpStatus: 401 }, 'attention'],
    ['a 429', { code: 'rate_limited', retryable: true, httpStatus: 429 }, 'retry'],
    ['a check that could not run (nothing sent)', { code: 'vendor_unavailable', retryable: true }, 'retry'],
    ['a refusal before sending', { code: 'invalid_request', retryable: false }, 'failed'],
    ['a duplicate on a 409', { code: 'duplicate_reference', retryable: false, httpStatus: 409 }, 'duplicate'],
  ] as const)('%s is definite', (_name, init, kind) => {
    expect(classifyPlacementError(apiError(init)).kind).toBe(kind);
  });

  it('an OutcomeUnknownError is unknown, a ValidationError (refused before sending) fails', () => {
    expect(classifyPlacementError(new OutcomeUnknownError({ vendor: 'v', reason: 'timeout' })).kind).toBe(
      'unknown',
    );
    expect(classifyPlacementError(new ValidationError('x', [{ path: 'a', message: 'b' }])).kind).toBe(
      'failed',
    );
  });
});
