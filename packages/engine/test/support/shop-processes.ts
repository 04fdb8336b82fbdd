import { type ForkedWorker, forkWorker, killWorkers, TIME_SCALE } from '@giftwire/test-kit';

export interface ShopProcesses {
  /** Forks `modulePath` with the shared environment plus `env`. */
  fork(env?: Record<string, string | undefined>): ForkedWorker;
  /** Forks and waits for its first message (`serveUntilStopped` sends it once started). */
  start(env?: Record<string, string | undefined>): Promise<ForkedWorker>;
  /** SIGKILLs whatever still runs: for `afterAll`. */
  killAll(): Promise<void>;
}

/**
 * The forked shop processes of one crash, recovery or scale test: each gets the database, the sandbox, the
 * encryption key and test-kit's time scale (see support/shop-process.mjs), and none outlives the file.
 */
export function shopProcesses(
  modulePath: string,
  shared: () => { database: { connectionString: string }; sandbox: { url: string }; key: string },
): ShopProcesses {
  const workers: ForkedWorker[] = [];
  const fork = (env: Record<string, string | undefined> = {}) => {
    const { database, sandbox, key } = shared();
    return forkWorker(modulePath, {
      env: {
        DATABASE_URL: database.connectionString,
        SANDBOX_URL: sandbox.url,
        KEY: key,
        TIME_SCALE: String(TIME_SCALE),
        ...env,
      },
      track: workers,
    });
  };
  return {
    fork,
    async start(env) {
      const worker = fork(env);
      await worker.message();
      return worker;
    },
    killAll: () => killWorkers(workers),
  };
}
