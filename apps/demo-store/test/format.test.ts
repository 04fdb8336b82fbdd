import { beforeAll, describe, expect, it } from 'vitest';

// The storefront's helpers are plain browser JS; a string path keeps TypeScript from looking for types.
const FORMAT_MODULE = '../storefront/js/format.js';

interface FormatModule {
  expiryState(expiresAt: string | null, now?: number): 'expired' | 'soon' | 'ok' | null;
  maskSecret(value: string): string;
  formatMoney(amount: string | number, currency?: string): string;
  escapeHtml(value: unknown): string;
  httpUrl(value: unknown): string | null;
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
});
