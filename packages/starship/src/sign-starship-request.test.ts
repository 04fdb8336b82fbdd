import { describe, expect, it } from 'vitest';
import { signStarshipRequest } from './sign-starship-request';

// Fixed vectors computed independently (Python hmac) from the rule ts + METHOD + path + body.
describe('signStarshipRequest', () => {
  it('signs a GET without a body', () => {
    expect(
      signStarshipRequest('your-secret-here', {
        method: 'get',
        path: '/api/v1/orders/12345',
        timestamp: 1_700_000_000,
      }),
    ).toEqual({
      'x-timestamp': '1700000000',
      'x-signature': 't=1700000000,v1=faecf74dc3b068ca92f212193e281e4082343381f09af8c3592bd9831b69eaac',
    });
  });

  it('signs a POST over its exact body', () => {
    const body = '{"product_id":1001,"denomination":"25.00","quantity":1,"ref":"ORD-ABC123"}';
    const headers = signStarshipRequest('your-secret-here', {
      method: 'POST',
      path: '/api/v1/orders',
      body,
      timestamp: 1_700_000_000,
    });
    expect(headers['x-signature']).toBe(
      't=1700000000,v1=58b75ac836848a174a7171d62a82abffdd729e79366d474b9f3f267a0ffbc59e',
    );
  });

  it('signs the path with its query string', () => {
    const headers = signStarshipRequest('your-secret-here', {
      method: 'GET',
      path: '/api/v1/orders?page=2&limit=100',
      timestamp: 1_700_000_000,
    });
    expect(headers['x-signature']).toBe(
      't=1700000000,v1=4613cd5747e3443077b9bbbe6cdd5fb354c27a1d051fd8b95a43f301145dc983',
    );
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = { method: 'GET', path: '/api/v1/orders/12345', timestamp: 1_700_000_000 };
    const one = signStarshipRequest('your-secret-here', base)['x-signature'];
    expect(
      signStarshipRequest('your-secret-here', { ...base, timestamp: 1_700_000_001 })['x-signature'],
    ).not.toBe(one);
    expect(signStarshipRequest('other', base)['x-signature']).not.toBe(one);
    expect(signStarshipRequest('your-secret-here', { ...base, body: '{}' })['x-signature']).not.toBe(one);
  });
});
