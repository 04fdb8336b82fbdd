import pg from 'pg';

export interface DumpOptions {
  /** Schemas to dump; default every schema but PostgreSQL's own, so queue tables (pg-boss) are included too. */
  schemas?: string[];
}

/**
 * Every row of every table as PostgreSQL's own text rendering (`SELECT t::text FROM table t`), one line per
 * row under a `-- schema.table (n rows)` heading. Tests search it to prove that no voucher code, PIN or claim
 * URL reached the database in clear.
 *
 * @example
 * const dump = await dumpPostgresTables(database.connectionString);
 * expect(findIssuedSecrets(dump, sandbox.issuedSecrets())).toEqual([]);
 */
export async function dumpPostgresTables(
  connectionString: string,
  options: DumpOptions = {},
): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE'
          AND ${options.schemas ? 'table_schema = ANY($1)' : `table_schema NOT IN ('pg_catalog', 'information_schema')`}
        ORDER BY table_schema, table_name`,
      options.schemas ? [options.schemas] : [],
    );
    const sections: string[] = [];
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const { rows } = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${quoteIdentifier(schema)}.${quoteIdentifier(table)} t ORDER BY 1`,
      );
      sections.push(
        [
          `-- ${schema}.${table} (${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`,
          ...rows.map((r) => r.row),
        ].join('\n'),
      );
    }
    return sections.join('\n\n');
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
