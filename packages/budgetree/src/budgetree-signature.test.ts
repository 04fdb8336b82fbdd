import { describe, expect, it } from 'vitest';
import {
  budgetreeSignature,
  budgetreeSignatureBase,
  canonicalJson,
  normalizeSignedUrl,
  rfc3986,
} from './budgetree-signature';

const SECRET = 'test-secret';
const BODY = {
  syncOnly: false,
  refno: 'r-1',
  products: [{ sku: 'BT-GIFT-INR', qty: 2, price: '500', currency: 'INR' }],
  payments: [{ code: 'svc', amount: '1000' }],
  deliveryMode: 'API',
};

/**
 * Fixed vectors: the base strings are checked by hand against the rule, the signatures were computed
 * independently (`printf %s "$base" | openssl dgst -sha512 -hmac test-secret`).
 */
const VECTORS = [
  {
    name: 'GET without a query',
    method: 'GET',
    url: 'https://api.budgetree.example/rest/v3/orders/1618994976162',
    body: undefined,
    base: 'GET&https%3A%2F%2Fapi.budgetree.example%2Frest%2Fv3%2Forders%2F1618994976162',
    signature:
      '653b17d41f67d13347d2ef095057d8a612982fcda2f93e2474519315ff2b5d0526e6d800355d6c9ed823036085666cd0826c3bd7f6f247f5f16b032ad118f8de',
  },
  {
    name: 'GET with a query, sorted by name',
    method: 'GET',
    url: 'https://api.budgetree.example/rest/v3/order/333336022/cards?offset=0&limit=500',
    body: undefined,
    base: 'GET&https%3A%2F%2Fapi.budgetree.example%2Frest%2Fv3%2Forder%2F333336022%2Fcards%3Flimit%3D500%26offset%3D0',
    signature:
      '07ef50eba5dc4bfa515349e3bb61dcbf4bd55127868562b92068256ceab324b19534b2848cd883de4fd57e8c5b1e4cb26001f1ef9e7f290be6ee2d55980201db',
  },
  {
    name: 'POST with a body, nested keys sorted',
    method: 'POST',
    url: 'https://api.budgetree.example/rest/v3/orders',
    body: BODY,
    base: 'POST&https%3A%2F%2Fapi.budgetree.example%2Frest%2Fv3%2Forders&%7B%22deliveryMode%22%3A%22API%22%2C%22payments%22%3A%5B%7B%22amount%22%3A%221000%22%2C%22code%22%3A%22svc%22%7D%5D%2C%22products%22%3A%5B%7B%22currency%22%3A%22INR%22%2C%22price%22%3A%22500%22%2C%22qty%22%3A2%2C%22sku%22%3A%22BT-GIFT-INR%22%7D%5D%2C%22refno%22%3A%22r-1%22%2C%22syncOnly%22%3Afalse%7D',
    signature:
      'e1270c6b36df14beaff6d4ebbbf682c06601e6c140db60e018a33abb8a89c08fcdb9b3d502bdb449c5329bc6837d3bf8e3c1aa4567b90b3ed9c3386239a619b0',
  },
  {
    name: 'lower-case method, a port, repeated names sorted by value, RFC 3986 reserved characters',
    method: 'get',
    url: 'http://127.0.0.1:4000/a%20b?z=1&a=x%20y&a=!',
    body: undefined,
    base: 'GET&http%3A%2F%2F127.0.0.1%3A4000%2Fa%2520b%3Fa%3D%2521%26a%3Dx%2520y%26z%3D1',
    signature:
      'd5acd3ba383d01b926deaf78ab89c917029695cdba138aa36b1c972012f191282ccd3dd5029bbd3cc34fed0c4fa4f0543ca3d9193b321e7af4e61ec8949a6ae8',
  },
] as const;

describe('budgetreeSignature', () => {
  it.each(VECTORS)('$name: the base string and the signature are the fixed vector', (v) => {
    expect(budgetreeSignatureBase(v.method, v.url, v.body)).toBe(v.base);
    expect(budgetreeSignature(SECRET, v.method, v.url, v.body)).toBe(v.signature);
  });

  it('does not depend on key order or query order, and does depend on every signed part', () => {
    const reordered = { ...BODY, products: [{ currency: 'INR', price: '500', qty: 2, sku: 'BT-GIFT-INR' }] };
    const post = VECTORS[2];
    expect(budgetreeSignature(SECRET, 'POST', post.url, reordered)).toBe(post.signature);
    const get = VECTORS[1];
    expect(
      budgetreeSignature(SECRET, 'GET', get.url.replace('offset=0&limit=500', 'limit=500&offset=0')),
    ).toBe(get.signature);
    const others = [
      budgetreeSignature('other-secret', 'POST', post.url, BODY),
      budgetreeSignature(SECRET, 'PUT', post.url, BODY),
      budgetreeSignature(SECRET, 'POST', `${post.url}/x`, BODY),
      budgetreeSignature(SECRET, 'POST', post.url, { ...BODY, refno: 'r-2' }),
      budgetreeSignature(SECRET, 'POST', post.url),
    ];
    for (const other of others) expect(other).not.toBe(post.signature);
  });

  it('dateAtClient is not part of the base string, and an empty body object still signs as {}', () => {
    expect(budgetreeSignatureBase('POST', 'https://h.example/p', {})).toBe(
      'POST&https%3A%2F%2Fh.example%2Fp&%7B%7D',
    );
  });

  it('normalizes URLs and JSON as documented', () => {
    expect(normalizeSignedUrl('https://H.example:443/p?b=2&a=1')).toBe('https://h.example/p?a=1&b=2');
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null, skipped: undefined })).toBe(
      '{"a":null,"b":[{"c":2,"d":1}]}',
    );
    expect(rfc3986("!'()* ~")).toBe('%21%27%28%29%2A%20~');
  });
});
