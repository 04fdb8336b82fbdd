import { ConfigurationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { resolveStarshipSettings } from './starship-settings';

describe('resolveStarshipSettings', () => {
  it('falls back to STARSHIP_API_KEY / STARSHIP_API_SECRET and keeps them as Secrets', () => {
    const settings = resolveStarshipSettings({
      env: { STARSHIP_API_KEY: 'k-env', STARSHIP_API_SECRET: 's-env' },
    });
    expect(settings.apiKey.reveal()).toBe('k-env');
    expect(settings.apiSecret.reveal()).toBe('s-env');
    expect(String(settings.apiSecret)).not.toContain('s-env');
    expect(settings.webhookSecret.reveal()).toBe('s-env');
    expect(settings.signRequests).toBe(false);
    expect(settings.currency).toBe('USD');
  });

  it('prefers options to the environment', () => {
    const settings = resolveStarshipSettings({
      apiKey: 'k',
      apiSecret: 's',
      signRequests: true,
      webhookSecret: 'w',
      currency: 'eur',
      env: { STARSHIP_API_KEY: 'k-env', STARSHIP_API_SECRET: 's-env', STARSHIP_SIGN_REQUESTS: 'false' },
    });
    expect(settings).toMatchObject({ signRequests: true, currency: 'EUR' });
    expect(settings.apiKey.reveal()).toBe('k');
    expect(settings.webhookSecret.reveal()).toBe('w');
  });

  it('reads STARSHIP_SIGN_REQUESTS', () => {
    expect(
      resolveStarshipSettings({ apiKey: 'k', apiSecret: 's', env: { STARSHIP_SIGN_REQUESTS: 'true' } })
        .signRequests,
    ).toBe(true);
  });

  it.each([
    [{ apiSecret: 's' }, /apiKey.*STARSHIP_API_KEY/],
    [{ apiKey: 'k' }, /apiSecret.*STARSHIP_API_SECRET/],
    [{ apiKey: 'k', apiSecret: 's', baseUrl: 'not a url' }, /baseUrl.*STARSHIP_BASE_URL/],
    [{ apiKey: 'k', apiSecret: 's', currency: 'dollars' }, /currency.*STARSHIP_CURRENCY/],
  ])('%j names the option and the variable', (options, message) => {
    expect(() => resolveStarshipSettings({ ...options, env: {} })).toThrow(ConfigurationError);
    expect(() => resolveStarshipSettings({ ...options, env: {} })).toThrow(message);
  });
});
