import { inspect } from 'node:util';
import { OutcomeUnknownError, VendorApiError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  classifyResponse,
  classifyTransportError,
  codeForStatus,
  errorCode,
  invalidResponseError,
  issuePaths,
} from './classify';

const get = { vendor: 'acme', idempotent: true };
const post = { vendor: 'acme', idempotent: false, reference: 'ref-1' };
const SECRET = 'CODE-ABCD-1234';

function netError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

describe('classifyTransportError', () => {
  it.each([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
  ])('treats %s as not sent: retryable network_error for any method', (code) => {
    for (const context of [get, post]) {
      const result = classifyTransportError(netError(code), context);
      expect(VendorApiError.isInstance(result)).toBe(true);
      expect(result).toMatchObject({ code: 'network_error', retryable: true, vendor: 'acme' });
    }
  });

  it('finds the code inside an AggregateError or a cause', () => {
    expect(errorCode(new AggregateError([netError('ECONNREFUSED')]))).toBe('ECONNREFUSED');
    expect(errorCode(new Error('wrapped', { cause: netError('ENOTFOUND') }))).toBe('ENOTFOUND');
    expect(errorCode('nope')).toBeUndefined();
  });

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])(
    'treats %s after send as unknown for a placement',
    (code) => {
      const result = classifyTransportError(netError(code), post);
      expect(OutcomeUnknownError.isInstance(result)).toBe(true);
      expect(result).toMatchObject({ reason: 'connection_reset', reference: 'ref-1' });
      expect(classifyTransportError(netError(code), get)).toMatchObject({
        code: 'network_error',
        retryable: true,
      });
    },
  );

  it.each(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])('treats undici %s as a timeout', (code) => {
    expect(classifyTransportError(netError(code), post)).toMatchObject({
      name: 'OutcomeUnknownError',
      reason: 'timeout',
    });
    expect(classifyTransportError(netError(code), get)).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('treats our own timeout like any other', () => {
    const reason = new DOMException('timed out', 'TimeoutError');
    expect(classifyTransportError(reason, { ...post, abortedBy: 'timeout' })).toMatchObject({
      name: 'OutcomeUnknownError',
      reason: 'timeout',
    });
    const idempotent = classifyTransportError(reason, { ...get, abortedBy: 'timeout' });
    expect(VendorApiError.isInstance(idempotent)).toBe(true);
    expect(idempotent).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('gives a caller abort back as is when idempotent, and as unknown outcome otherwise', () => {
    const reason = new Error('stop');
    expect(classifyTransportError(reason, { ...get, abortedBy: 'caller' })).toBe(reason);
    const result = classifyTransportError(reason, { ...post, abortedBy: 'caller' });
    expect(result).toMatchObject({ name: 'OutcomeUnknownError', reason: 'aborted', reference: 'ref-1' });
    expect((result as Error).cause).toBe(reason);
  });

  it('still calls a refused connection "not sent" when a timeout fired at the same time', () => {
    expect(classifyTransportError(netError('ECONNREFUSED'), { ...post, abortedBy: 'timeout' })).toMatchObject(
      {
        code: 'network_error',
      },
    );
  });

  it('rethrows our own usage mistakes untouched', () => {
    const error = netError('UND_ERR_INVALID_ARG');
    expect(classifyTransportError(error, post)).toBe(error);
  });
});

describe('classifyResponse', () => {
  const response = (status: number, extra: { headers?: Record<string, string>; bodyText?: string } = {}) => ({
    status,
    headers: extra.headers ?? {},
    bodyText: extra.bodyText ?? '',
    json: undefined,
    now: 1_000_000,
  });

  it.each([
    [400, 'invalid_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'conflict'],
    [422, 'invalid_request'],
    [429, 'rate_limited'],
    [500, 'vendor_unavailable'],
    [504, 'vendor_unavailable'],
    [402, 'unknown'],
    [302, 'unknown'],
  ] as const)('maps %i to %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  it('makes only 429 and idempotent 5xx retryable', () => {
    expect(classifyResponse(response(429), post)).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(classifyResponse(response(503), get)).toMatchObject({
      code: 'vendor_unavailable',
      retryable: true,
    });
    expect(classifyResponse(response(400), get)).toMatchObject({ retryable: false });
    expect(classifyResponse(response(404), get)).toMatchObject({ retryable: false });
  });

  it('reads Retry-After on a 429', () => {
    const result = classifyResponse(response(429, { headers: { 'retry-after': '7' } }), get);
    expect(result).toMatchObject({ retryAfterMs: 7000 });
  });

  it('makes a 5xx after a placement an unknown outcome carrying the status and reference', () => {
    const result = classifyResponse(response(502, { bodyText: SECRET }), post);
    expect(OutcomeUnknownError.isInstance(result)).toBe(true);
    expect(result).toMatchObject({ reason: 'server_error', httpStatus: 502, reference: 'ref-1' });
    expect(VendorApiError.isInstance((result as Error).cause)).toBe(true);
    expect(inspect(result, { depth: 10 })).not.toContain(SECRET);
  });

  it('lets the hook override code, vendor code and retryable', () => {
    const result = classifyResponse(
      {
        ...response(400),
        classifyError: () => ({ code: 'duplicate_reference', vendorCode: 'OrderAlreadyExists' }),
      },
      post,
    );
    expect(result).toMatchObject({
      code: 'duplicate_reference',
      vendorCode: 'OrderAlreadyExists',
      retryable: false,
    });
    const forced = classifyResponse({ ...response(400), classifyError: () => ({ retryable: true }) }, get);
    expect(forced).toMatchObject({ code: 'invalid_request', retryable: true });
  });

  it('passes status, headers, text and JSON to the hook', () => {
    const seen: unknown[] = [];
    classifyResponse(
      {
        status: 400,
        headers: { a: 'b' },
        bodyText: '{"x":1}',
        json: { x: 1 },
        classifyError: (r) => {
          seen.push(r);
          return undefined;
        },
      },
      get,
    );
    expect(seen).toEqual([{ status: 400, headers: { a: 'b' }, bodyText: '{"x":1}', json: { x: 1 } }]);
  });

  it('takes a 5xx on a placement as unknown, even when the hook recognised a vendor code', () => {
    const known = classifyResponse(
      { ...response(500), classifyError: () => ({ code: 'product_unavailable' }) },
      post,
    );
    expect(OutcomeUnknownError.isInstance(known)).toBe(true);
    const unknown = classifyResponse({ ...response(500), classifyError: () => ({ vendorCode: 'E1' }) }, post);
    expect(OutcomeUnknownError.isInstance(unknown)).toBe(true);
  });

  it.each([408, 404, 409, 400, 422, 500, 502, 504])(
    'makes a %i on a placement without a vendor reason code an unknown outcome',
    (status) => {
      const result = classifyResponse(response(status), post);
      expect(OutcomeUnknownError.isInstance(result)).toBe(true);
      expect(result).toMatchObject({ httpStatus: status, reference: 'ref-1' });
    },
  );

  it.each([404, 408, 409, 502])(
    'keeps a %i on a placement unknown even when the hook names a vendor code',
    (status) => {
      const hooked = { ...response(status), classifyError: () => ({ code: 'invalid_request' as const }) };
      expect(OutcomeUnknownError.isInstance(classifyResponse(hooked, post))).toBe(true);
    },
  );

  it('takes a placement refusal as definite at the door (401, 403, 429) or with a 4xx vendor reason', () => {
    for (const status of [401, 403, 429])
      expect(VendorApiError.isInstance(classifyResponse(response(status), post))).toBe(true);
    const reasoned = classifyResponse(
      { ...response(400), classifyError: () => ({ code: 'insufficient_balance', vendorCode: 'X' }) },
      post,
    );
    expect(reasoned).toMatchObject({ code: 'insufficient_balance', httpStatus: 400 });
    expect(VendorApiError.isInstance(reasoned)).toBe(true);
  });

  it('falls back to the status when the hook throws, keeping its error as cause', () => {
    const bug = new Error('hook bug');
    const result = classifyResponse(
      {
        ...response(500),
        classifyError: () => {
          throw bug;
        },
      },
      post,
    );
    expect(OutcomeUnknownError.isInstance(result)).toBe(true);
    expect(((result as Error).cause as Error).cause).toBe(bug);
  });

  it('keeps the body only as a Secret and only safe headers', () => {
    const result = classifyResponse(
      {
        status: 401,
        headers: { 'set-cookie': 'sid=abc', 'x-request-id': 'r1', 'WWW-Authenticate': 'Bearer realm=x' },
        bodyText: SECRET,
        json: undefined,
        requestId: 'r1',
      },
      get,
    ) as VendorApiError;
    expect(result.body?.reveal()).toBe(SECRET);
    expect(result.headers).toEqual({
      'set-cookie': '[redacted]',
      'x-request-id': 'r1',
      'www-authenticate': '[redacted]',
    });
    expect(`${result.message} ${inspect(result)} ${JSON.stringify(result)}`).not.toContain(SECRET);
  });
});

describe('invalid responses', () => {
  it('lists the failing paths, deduplicated, never values', () => {
    const schema = z.object({ a: z.object({ b: z.number() }), c: z.array(z.string()).min(2) });
    const result = schema.safeParse({ a: { b: SECRET }, c: [SECRET] });
    expect(result.success).toBe(false);
    const paths = issuePaths(result.error!);
    expect(paths).toEqual(['a.b', 'c']);
    expect(issuePaths(z.string().safeParse(1).error!)).toEqual(['(root)']);
  });

  it('is a non-retryable VendorApiError when idempotent and an unknown outcome otherwise', () => {
    const input = { status: 200, headers: {}, bodyText: SECRET, invalidPaths: ['a.b'] };
    const idempotent = invalidResponseError(input, get);
    expect(idempotent).toMatchObject({ code: 'invalid_response', retryable: false, invalidPaths: ['a.b'] });
    const placement = invalidResponseError(input, post);
    expect(placement).toMatchObject({
      name: 'OutcomeUnknownError',
      reason: 'invalid_response',
      httpStatus: 200,
    });
    expect(inspect(placement, { depth: 10 })).not.toContain(SECRET);
  });
});
