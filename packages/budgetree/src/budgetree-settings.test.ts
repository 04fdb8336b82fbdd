import { ConfigurationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { resolveBudgetreeSettings } from './budgetree-settings';

const ALL = { clientId: 'id', clientSecret: 'secret', username: 'user', password: 'pass', env: {} };

describe('resolveBudgetreeSettings', () => {
  it.each([
    ['clientId', 'BUDGETREE_CLIENT_ID'],
    ['clientSecret', 'BUDGETREE_CLIENT_SECRET'],
    ['username', 'BUDGETREE_USERNAME'],
    ['password', 'BUDGETREE_PASSWORD'],
  ])('a missing %s names the option and %s', (option, variable) => {
    const error = (() => {
      try {
        resolveBudgetreeSettings({ ...ALL, [option]: undefined });
      } catch (e) {
        return e;
      }
    })() as Error;
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error.message).toContain(option);
    expect(error.message).toContain(variable);
  });

  it('falls back to BUDGETREE_* variables; options win; secrets are Secrets', () => {
    const env = {
      BUDGETREE_CLIENT_ID: 'env-id',
      BUDGETREE_CLIENT_SECRET: 'env-secret',
      BUDGETREE_USERNAME: 'env-user',
      BUDGETREE_PASSWORD: 'env-pass',
      BUDGETREE_BASE_URL: 'https://env.example',
      BUDGETREE_CURRENCY: 'usd',
    };
    const resolved = resolveBudgetreeSettings({ env, clientId: 'opt-id' });
    expect(resolved).toMatchObject({
      clientId: 'opt-id',
      username: 'env-user',
      baseUrl: 'https://env.example',
      currency: 'USD',
    });
    expect(resolved.clientSecret.reveal()).toBe('env-secret');
    expect(resolved.password.reveal()).toBe('env-pass');
    expect(JSON.stringify(resolved)).not.toContain('env-secret');
    expect(JSON.stringify(resolved)).not.toContain('env-pass');
  });

  it('refuses a relative base URL and a currency that is not a code', () => {
    expect(() => resolveBudgetreeSettings({ ...ALL, baseUrl: '/api' })).toThrow(/BUDGETREE_BASE_URL/);
    expect(() => resolveBudgetreeSettings({ ...ALL, currency: 'rupees' })).toThrow(/BUDGETREE_CURRENCY/);
  });
});
