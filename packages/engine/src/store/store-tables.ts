import { ConfigurationError } from '@giftwire/core';

/** Where the SQL stores keep their tables unless told otherwise. */
export const DEFAULT_STORE_SCHEMA = 'giftwire';

/** Quoted, schema-qualified names of the store's tables. */
export interface StoreTables {
  /** The schema's bare name, for catalog lookups. */
  schemaName: string;
  /** The schema's quoted name, for SQL. */
  schema: string;
  orders: string;
  attempts: string;
  webhooks: string;
  settleSamples: string;
  migrations: string;
}

/**
 * Table names for a schema. The name is spliced into SQL (identifiers cannot be bound as parameters), so it
 * is restricted to plain lower-case identifiers rather than escaped.
 */
export function storeTables(schema: string = DEFAULT_STORE_SCHEMA): StoreTables {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigurationError(
      `schema must be a lower-case SQL identifier (letters, digits, underscores), got ${JSON.stringify(schema)}`,
    );
  }
  const q = (table: string) => `"${schema}"."${table}"`;
  return {
    schemaName: schema,
    schema: `"${schema}"`,
    orders: q('orders'),
    attempts: q('attempts'),
    webhooks: q('webhooks'),
    settleSamples: q('settle_samples'),
    migrations: q('migrations'),
  };
}
