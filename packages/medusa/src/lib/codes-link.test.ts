import { describe, expect, it } from 'vitest';
import { signCodesLink, verifyCodesLink } from './codes-link';

const KEY = 'a-long-random-link-key-for-tests';
const claims = { orderId: 'order_01ABC', expiresAt: 2_000_000_000, version: 0 };

describe('codes links', () => {
  it('verifies its own token until it expires', () => {
    const token = signCodesLink(KEY, claims);
    expect(verifyCodesLink([KEY], token, 1_900_000_000)).toEqual(claims);
    expect(verifyCodesLink(['old-key', KEY], token, 1_900_000_000)).toEqual(claims);
    expect(verifyCodesLink([KEY], token, 2_000_000_000)).toBeUndefined();
  });

  it('refuses a token changed anywhere or signed with another key', () => {
    const token = signCodesLink(KEY, claims);
    const [prefix, order, expiry, version, mac] = token.split('.');
    for (const forged of [
      [prefix, 'order_01XYZ', expiry, version, mac],
      [prefix, order, String(Number(expiry) + 1), version, mac],
      [prefix, order, expiry, '1', mac],
      [prefix, order, expiry, version, `${mac}A`],
      ['v2', order, expiry, version, mac],
    ]) {
      expect(verifyCodesLink([KEY], forged.join('.'), 1_900_000_000)).toBeUndefined();
    }
    expect(verifyCodesLink(['another-key'], token, 1_900_000_000)).toBeUndefined();
    expect(verifyCodesLink([KEY], 'not a token', 1_900_000_000)).toBeUndefined();
  });
});
