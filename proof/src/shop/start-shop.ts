import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrashPoint, ShopCommand, ShopConfig, ShopMessage } from './shop-config';

const SHOP_PROCESS = fileURLToPath(new URL('./shop-process.ts', import.meta.url));

/** The shop process as the runner holds it: started, killed and restarted on the same port and database. */
export interface Shop {
  readonly url: string;
  /** Everything every incarnation of the shop wrote to stdout and stderr, for the leak audit. */
  output(): string;
  /** How many times the shop process was started. */
  readonly starts: number;
  /** Arms a crash for `reference` at `point` in the running process. */
  arm(point: CrashPoint, reference: string): Promise<void>;
  /** Resolves when the running process has died (by its own SIGKILL, for a crash case). */
  died(): Promise<void>;
  /** Starts a new process (after a crash). */
  restart(): Promise<void>;
  /** SIGTERM (a clean stop), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * Forks the shop (`shop-process.ts`, run by tsx) and waits until it listens.
 *
 * @example
 * const shop = await startShop({ port, databaseUrl, encryptionKey, vendors });
 * await fetch(`${shop.url}/giftwire/health`);
 * await shop.stop();
 */
export async function startShop(config: ShopConfig): Promise<Shop> {
  const chunks: string[] = [];
  let child: ChildProcess;
  let exited: Promise<void>;
  let starts = 0;

  const start = async () => {
    starts += 1;
    child = fork(SHOP_PROCESS, [], {
      env: { ...process.env, PROOF_SHOP: JSON.stringify(config) },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const current = child;
    current.stdout?.on('data', (chunk) => chunks.push(String(chunk)));
    current.stderr?.on('data', (chunk) => chunks.push(String(chunk)));
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      current.on('message', (message: ShopMessage) => {
        if ('ready' in message) resolve();
      });
      void exited.then(() => reject(new Error(`the shop process exited before it listened:\n${tail()}`)));
    });
    await ready;
  };
  const tail = () => chunks.join('').split('\n').slice(-30).join('\n');

  await start();
  return {
    url: `http://127.0.0.1:${config.port}`,
    output: () => chunks.join(''),
    get starts() {
      return starts;
    },
    async arm(point, reference) {
      const current = child;
      const armed = new Promise<void>((resolve) => {
        const onMessage = (message: ShopMessage) => {
          if ('armed' in message && message.armed === reference) {
            current.off('message', onMessage);
            resolve();
          }
        };
        current.on('message', onMessage);
      });
      current.send({ crash: point, reference } satisfies ShopCommand);
      await armed;
    },
    died: () => exited,
    restart: start,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
