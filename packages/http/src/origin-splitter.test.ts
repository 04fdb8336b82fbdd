import { describe, expect, it } from 'vitest';
import { originSplitter } from './origin-splitter';

describe('originSplitter', () => {
  it('splits URLs under a canonical base into origin and path, query included', () => {
    const split = originSplitter('https://api.acme.example/v1');
    expect(split('https://api.acme.example/v1/orders?id=7&x=a%20b')).toEqual({
      origin: 'https://api.acme.example',
      path: '/v1/orders?id=7&x=a%20b',
    });
    expect(originSplitter('http://127.0.0.1:4010')('http://127.0.0.1:4010/order/get?orderId=A-1')).toEqual({
      origin: 'http://127.0.0.1:4010',
      path: '/order/get?orderId=A-1',
    });
  });

  it('leaves to the URL parser whatever it would rewrite', () => {
    const split = originSplitter('https://api.acme.example');
    for (const path of [
      '/odd path',
      "/it's",
      '/a/../b',
      '/a/./b',
      '/a/%2E%2e/b',
      '/back\\slash',
      '/x#frag',
      '/caf\u00e9',
      '/empty-query?',
      '',
    ]) {
      expect(split(`https://api.acme.example${path}`), path).toBeUndefined();
    }
    expect(split('https://other.example/orders')).toBeUndefined();
  });

  it('parses every URL when the base is not in canonical form or not http(s)', () => {
    expect(
      originSplitter('HTTPS://API.acme.example/v1')('HTTPS://API.acme.example/v1/orders'),
    ).toBeUndefined();
    expect(
      originSplitter('https://api.acme.example:443')('https://api.acme.example:443/orders'),
    ).toBeUndefined();
    expect(
      originSplitter('https://user:pw@api.acme.example')('https://user:pw@api.acme.example/o'),
    ).toBeUndefined();
    expect(originSplitter('ftp://files.example')('ftp://files.example/o')).toBeUndefined();
    expect(originSplitter('not a url')('not a url/o')).toBeUndefined();
  });
});
