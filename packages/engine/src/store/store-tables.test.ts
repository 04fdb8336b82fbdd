import { ConfigurationError } from '@giftwire/core';
import { expect, it } from 'vitest';
import { storeTables } from './store-tables';

it('qualifies table names with the schema and refuses names that would need escaping', () => {
  expect(storeTables().orders).toBe('"giftwire"."orders"');
  expect(storeTables('shop_1').migrations).toBe('"shop_1"."migrations"');
  for (const bad of ['', 'Giftwire', 'a"b', 'a;drop', '1abc'])
    expect(() => storeTables(bad)).toThrow(ConfigurationError);
});
