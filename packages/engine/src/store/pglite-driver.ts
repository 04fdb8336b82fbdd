import { type PGlite, TransactionAbortedError } from '@electric-sql/pglite';
import { runPgliteStatement } from './run-pglite-statement';
import type { SqlDriver, SqlExecutor, SqlParam } from './sql-driver';
import { translateStoreError } from './translate-store-error';

/**
 * The SQL driver over one PGlite instance, which must be its only user. PGlite is a single connection, so
 * this driver queues its work: one statement, or one whole transaction (BEGIN … COMMIT around the callback),
 * at a time — the serialization that makes transactions safe here, as PGlite's own `transaction()` did.
 * Each statement runs as one pipelined message ({@link runPgliteStatement}), not through `PGlite.query`.
 * Takes the instance or a promise of one (the embedded store readies its directory before PGlite opens it).
 *
 * @example
 * const store = createSqlOrderStore(pgliteDriver(new PGlite({ fs: new NodeFS(dir) })));
 */
export function pgliteDriver(database: PGlite | Promise<PGlite>): SqlDriver {
  const opened = Promise.resolve(database);
  // Whoever queries first sees an opening failure; nobody querying must not make it an unhandled rejection.
  opened.catch(() => undefined);
  let db: PGlite | undefined;
  // A closed PGlite is the embedded store's "database unreachable": told by its state, not its message.
  const translate = (error: unknown): never => translateStoreError(error, db?.closed ?? false);
  /** The end of the queue: settles when the last work queued so far has. */
  let tail: Promise<unknown> = opened;
  const exclusive = <T>(work: (pg: PGlite) => Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      if (!db) {
        const pg = await opened;
        // An instance handed over while still starting: statements wait for it, as `PGlite.query` does.
        await pg.waitReady;
        db = pg;
      }
      return work(db);
    });
    tail = run.catch(() => undefined);
    return run.catch(translate);
  };

  return {
    query<Row>(text: string, params: readonly SqlParam[] = []) {
      return exclusive((pg) => runPgliteStatement<Row>(pg, text, params));
    },
    transaction(fn) {
      return exclusive(async (pg) => {
        await runPgliteStatement(pg, 'BEGIN', []);
        let open = true;
        const tx: SqlExecutor = {
          query<Row>(text: string, params: readonly SqlParam[] = []) {
            if (!open) return Promise.reject(new Error('Transaction is closed'));
            return runPgliteStatement<Row>(pg, text, params);
          },
        };
        try {
          const result = await fn(tx);
          open = false;
          // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
          const { command } = await runPgliteStatement(pg, 'COMMIT', []);
          if (command === 'ROLLBACK') throw new TransactionAbortedError();
          return result;
        } catch (error) {
          if (open) {
            open = false;
            await runPgliteStatement(pg, 'ROLLBACK', []);
          }
          throw error;
        }
      });
    },
    async close() {
      const pg = await opened.catch(() => undefined);
      // Queued work finishes first, as PGlite's own close waits for its queries.
      await tail;
      await pg?.close();
    },
  };
}
