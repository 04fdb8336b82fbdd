/** A value bound to a `$n` placeholder. Timestamps travel as ISO strings and JSON as text, so both drivers agree. */
export type SqlParam = string | number | boolean | null;

/** Runs one statement. */
export interface SqlExecutor {
  query<Row>(text: string, params?: readonly SqlParam[]): Promise<{ rows: Row[] }>;
}

/**
 * The little the SQL order store needs from a database, so one implementation serves PGlite and PostgreSQL.
 * Rows come back as the driver parses them (PostgreSQL's `pg` gives int8 as string, PGlite as number); the
 * store's decoding copes with both.
 */
export interface SqlDriver extends SqlExecutor {
  /** Runs `fn` on one connection inside BEGIN/COMMIT; rolls back and rethrows when `fn` throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
