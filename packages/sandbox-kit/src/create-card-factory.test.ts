import { describe, expect, it } from 'vitest';
import { createCardFactory } from './create-card-factory';
import { createSecretsRegistry } from './create-secrets-registry';

describe('createCardFactory and createSecretsRegistry', () => {
  it('makes codes, PINs, serials and claim URLs in the expected shapes, codes never repeating', () => {
    const cards = createCardFactory();
    const codes = new Set(Array.from({ length: 500 }, () => cards.code(2)));
    expect(codes.size).toBe(500);
    expect(cards.code()).toMatch(/^[0-9a-f]{32}$/);
    expect(cards.pin()).toMatch(/^\d{3,4}$/);
    expect(cards.pin(0, 10)).toMatch(/^\d$/);
    expect(cards.serial()).toMatch(/^[0-9a-f-]{36}$/);
    expect(cards.claimUrl('https://claim.example/')).toMatch(/^https:\/\/claim\.example\/[\w-]{24}$/);
  });

  it('lists what was issued, in order, per reference or for all', () => {
    const secrets = createSecretsRegistry({ normalize: (ref) => ref.toLowerCase() });
    secrets.record('A', { code: 'c1', pin: 'p1' });
    secrets.record('b', { code: null, pin: null });
    secrets.record('a', { code: 'c2', url: 'https://u' });
    expect(secrets.issued('a')).toEqual({ codes: ['c1', 'c2'], pins: ['p1'], urls: ['https://u'] });
    expect(secrets.issued()).toEqual({ codes: ['c1', 'c2'], pins: ['p1'], urls: ['https://u'] });
    expect(secrets.issued('B')).toEqual({ codes: [], pins: [], urls: [] });
    expect(secrets.issued('nobody')).toEqual({ codes: [], pins: [], urls: [] });
  });
});
