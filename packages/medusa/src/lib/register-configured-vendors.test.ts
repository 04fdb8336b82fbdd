import { randomBytes } from 'node:crypto';
import type { ConfigModule } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { bambooTestSettings } from '../../test/support/bamboo-test-settings';
import giftwireProvider from '../providers/giftwire/index';
import { providerEntryId, registerConfiguredVendors } from './register-configured-vendors';
import { findRegistrationOptions } from './registrations';

const account = (currency: string) => ({
  vendor: 'bamboo',
  settings: bambooTestSettings('http://127.0.0.1:9', { clientId: `client-${currency}` }),
  products: { [`GC-${currency}`]: { productId: '1', faceValue: { amount: '10', currency } } },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: 'postgres://localhost/registrations-test',
});

function configWith(providers: unknown[]): ConfigModule {
  return {
    modules: {
      fulfillment: { resolve: '@medusajs/medusa/fulfillment', options: { providers } },
    },
  } as unknown as ConfigModule;
}

const containerOf = (configModule: ConfigModule) => ({
  resolve: <T>(key: string) =>
    (key === ContainerRegistrationKeys.CONFIG_MODULE ? configModule : undefined) as T,
});

describe('registrations from medusa-config', () => {
  const usd = account('USD');
  const eur = account('EUR');
  const config = configWith([
    { resolve: '@medusajs/medusa/fulfillment-manual', id: 'manual' },
    { resolve: giftwireProvider, id: 'bamboo', options: usd },
    { resolve: giftwireProvider, id: 'bamboo_eur', options: eur },
  ]);

  it('finds the entry a provider was built from, also from a copy of its options', () => {
    expect(providerEntryId(config, usd)).toBe('bamboo');
    expect(providerEntryId(config, structuredClone(eur))).toBe('bamboo_eur');
    expect(providerEntryId(config, account('GBP'))).toBeUndefined();
    expect(providerEntryId(undefined, usd)).toBeUndefined();
  });

  it('refuses to guess between two entries with the same options', () => {
    const twice = configWith([
      { resolve: giftwireProvider, id: 'one', options: usd },
      { resolve: giftwireProvider, id: 'two', options: structuredClone(usd) },
    ]);
    expect(() => providerEntryId(twice, structuredClone(usd))).toThrow(
      /option "id" is needed: providers one and two have the same options/,
    );
  });

  it('registers each entry under its id, with its own schema and settings', () => {
    expect(registerConfiguredVendors(containerOf(config))).toEqual(['bamboo', 'bamboo_eur']);
    expect(findRegistrationOptions('bamboo')).toMatchObject({ schema: 'giftwire', settings: usd.settings });
    expect(findRegistrationOptions('bamboo_eur')).toMatchObject({
      schema: 'giftwire_bamboo_eur',
      settings: eur.settings,
    });
  });

  it("stops boot on an id option that is not the entry's", () => {
    const mismatch = configWith([
      { resolve: giftwireProvider, id: 'bamboo_usd', options: { ...usd, id: 'usd' } },
    ]);
    expect(() => registerConfiguredVendors(containerOf(mismatch))).toThrow(
      /option "id" must match the provider entry's id "bamboo_usd"/,
    );
  });

  it('stops boot when two entries would share engine tables', () => {
    const shared = configWith([
      { resolve: giftwireProvider, id: 'shop_a', options: { ...usd, schema: 'giftwire_shared' } },
      { resolve: giftwireProvider, id: 'shop_b', options: { ...eur, schema: 'giftwire_shared' } },
    ]);
    expect(() => registerConfiguredVendors(containerOf(shared))).toThrow(
      /providers giftwire_shop_a and giftwire_shop_b would share the engine tables in schema "giftwire_shared"/,
    );
  });
});
