import { dumpPostgresTables } from '@giftwire/test-kit';

/** Every row of every table in the suite's PostgreSQL, as text, and how many tables there were. */
export async function dumpTables(connectionString: string): Promise<{ dump: string; count: number }> {
  const dump = await dumpPostgresTables(connectionString);
  return { dump, count: (dump.match(/^-- /gm) ?? []).length };
}
