import { beforeAll, describe, expect, it } from 'vitest';

// The storefront's helpers are plain browser JS; a string path keeps TypeScript from looking for types.
const FORMAT_MODULE = '../storefront/js/format.js';

interface FormatModule {
  expiryState(expiresAt: string | null, now?: number): 'expired' | 'soon' | 'ok' | null;
  maskSecret(value: string): string;
  formatMoney(amount: string | number, currency?: string): string;
  escapeHtml(value: unknown): string;
  httpUrl(value: unknown): string | null;
  voucherFields(
    card: Record<string, string | null>,
    vendor: string,
  ): { name: string; label: string; value: string; secret: boolean; link: boolean }[];
  codeGroups(value: string, size?: number): string[];
}

let format: FormatModule;
const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-01-01T00:00:00Z');

describe('storefront format helpers', () => {
  beforeAll(async () => {
    format = (await import(FORMAT_MODULE)) as FormatModule;
  });

  it('warns within 30 days of expiry and after it', () => {
    expect(format.expiryState(null, now)).toBeNull();
    expect(format.expiryState(new Date(now - DAY).toISOString(), now)).toBe('expired');
    expect(format.expiryState(new Date(now + 29 * DAY).toISOString(), now)).toBe('soon');
    expect(format.expiryState(new Date(now + 31 * DAY).toISOString(), now)).toBe('ok');
  });

  it('masks a code without revealing any of it', () => {
    const masked = format.maskSecret('19366b34dc5cc15f0f6cd6dd259f67fe');
    expect(masked).toMatch(/^[• ]+$/);
  });

  it('formats decimal strings without floating point', () => {
    expect(format.formatMoney('18.9401', 'USD')).toBe('$18.9401');
    expect(format.formatMoney('1000', 'USD')).toBe('$1,000');
    expect(format.formatMoney('10.5', 'EUR')).toBe('€10.50');
    expect(format.escapeHtml('<b>"x"</b>')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });

  it('links only http(s) claim URLs', () => {
    expect(format.httpUrl('https://redeem.example/c/1')).toBe('https://redeem.example/c/1');
    expect(format.httpUrl('javascript:alert(1)')).toBeNull();
    expect(format.httpUrl('data:text/html,x')).toBeNull();
    expect(format.httpUrl('not a url')).toBeNull();
    expect(format.httpUrl(null)).toBeNull();
  });

  it("groups each vendor's card fields under that vendor's words, in the order they are used", () => {
    const summary = (card: Record<string, string | null>, vendor: string) =>
      format.voucherFields(card, vendor).map(({ name, label }) => `${name}:${label}`);
    expect(summary({ code: 'C', pin: null, claim_url: null, serial: null }, 'bamboo')).toEqual([
      'code:Card code',
    ]);
    expect(summary({ code: 'C', pin: 'P' }, 'starship')).toEqual(['code:Card number', 'pin:PIN']);
    expect(
      summary({ code: 'C', pin: 'P', claim_url: 'https://a/1', activation_code: 'A' }, 'budgetree'),
    ).toEqual([
      'code:Card number',
      'activation_code:Activation code',
      'pin:PIN',
      'claim_url:Activation link',
    ]);
    expect(summary({ serial: 'S', claim_url: 'https://r/1', pin: 'P', code: 'C' }, 'gifthub')).toEqual([
      'code:Redeem code',
      'pin:PIN',
      'claim_url:Redeem link',
      'serial:Serial',
    ]);
    expect(summary({ code: 'C' }, 'some-new-vendor')).toEqual(['code:Code']);
  });

  it('keeps every value whole and marks what must be revealed', () => {
    const url = 'https://redeem.gifthub.sandbox/c/9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const fields = format.voucherFields({ code: 'X1', claim_url: url, serial: 'SN-1', pin: '' }, 'gifthub');
    expect(fields).toEqual([
      { name: 'code', label: 'Redeem code', value: 'X1', secret: true, link: false },
      { name: 'claim_url', label: 'Redeem link', value: url, secret: true, link: true },
      // A serial redeems nothing: shown without a reveal. An empty PIN is no field at all.
      { name: 'serial', label: 'Serial', value: 'SN-1', secret: false, link: false },
    ]);
  });

  it('shows a long code in groups of four that join back to the exact value', () => {
    const bamboo = '19366b34dc5cc15f0f6cd6dd259f67fe';
    const groups = format.codeGroups(bamboo);
    expect(groups).toHaveLength(8);
    expect(groups.every((group) => group.length === 4)).toBe(true);
    expect(groups.join('')).toBe(bamboo);
    expect(format.codeGroups('ABCDEFGHIJ')).toEqual(['ABCD', 'EFGH', 'IJ']);
    // Short values, links and values with their own separators stay in one piece.
    expect(format.codeGroups('12345678')).toEqual(['12345678']);
    expect(format.codeGroups('https://redeem.example/c/1')).toEqual(['https://redeem.example/c/1']);
    expect(format.codeGroups('ABCD-EFGH-IJKL')).toEqual(['ABCD-EFGH-IJKL']);
  });
});
