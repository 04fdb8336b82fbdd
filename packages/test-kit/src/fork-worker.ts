import { type ChildProcess, fork } from 'node:child_process';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A forked Node process speaking IPC: what it sent so far, and its exit. */
export interface ForkedWorker {
  readonly child: ChildProcess;
  /** Every IPC message so far, in order. */
  readonly messages: readonly unknown[];
  /** Resolves when the process has exited, however. */
  readonly exit: Promise<WorkerExit>;
  /**
   * The first message (already received or still to come) that `match` accepts — any message without
   * `match` — or `undefined` if the process exits first.
   */
  message(match?: (message: unknown) => boolean): Promise<unknown>;
  send(message: unknown): void;
  /** Kills the process (SIGKILL unless told: a crash, no clean-up) and resolves with its exit. */
  kill(signal?: NodeJS.Signals): Promise<WorkerExit>;
}

export interface ForkWorkerOptions {
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Every worker forked with the same array lands in it, for `killWorkers` in `afterAll`. */
  track?: ForkedWorker[];
}

/**
 * Forks `modulePath` (a `.mjs` or `.ts` run by tsx) with an IPC channel, its output on the test's own, so a
 * test can crash a "shop process" at a chosen moment and start another one on the same database.
 *
 * @example
 * const workers: ForkedWorker[] = [];
 * afterAll(() => killWorkers(workers));
 * const run = forkWorker(WORKER, { env: { DATABASE_URL, CRASH_AT: 'sent' }, track: workers });
 * expect((await run.exit).signal).toBe('SIGKILL');
 */
export function forkWorker(modulePath: string, { env = {}, track }: ForkWorkerOptions = {}): ForkedWorker {
  const child = fork(modulePath, [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: unknown[] = [];
  const listeners = new Set<(message: unknown) => void>();
  child.on('message', (message) => {
    messages.push(message);
    for (const listener of listeners) listener(message);
  });
  const exit = new Promise<WorkerExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let exited = false;
  void exit.then(() => {
    exited = true;
  });
  const worker: ForkedWorker = {
    child,
    messages,
    exit,
    message(match = () => true) {
      const seen = messages.find(match);
      if (seen !== undefined || exited) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const listener = (message: unknown) => {
          if (!match(message)) return;
          listeners.delete(listener);
          resolve(message);
        };
        listeners.add(listener);
        void exit.then(() => {
          listeners.delete(listener);
          resolve(undefined);
        });
      });
    },
    send(message) {
      child.send(message as never);
    },
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
  track?.push(worker);
  return worker;
}

/** SIGKILLs every worker still running and waits for them: `afterAll` never leaves a process behind. */
export async function killWorkers(workers: readonly ForkedWorker[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
}
