import { describe, expect, it } from 'vitest';
import { userAgent } from './user-agent';

describe('userAgent', () => {
  it('names the package without its scope, and its version', () => {
    expect(userAgent('@giftwire/bamboo', '1.2.0')).toBe('giftwire-bamboo/1.2.0');
    expect(userAgent('custom', '0.1.0')).toBe('giftwire-custom/0.1.0');
  });
});
