import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';

/** apps/demo-store: Medusa's project directory (medusa-config.ts, src/scripts). */
export const APP_DIR = join(__dirname, '..', '..');

export interface MedusaRunOptions {
  env: NodeJS.ProcessEnv;
  /** Everything Medusa prints goes here; the console only gets the demo's own lines. */
  logFile: string;
  /** Also copy Medusa's output to the console (DEMO_VERBOSE=1). */
  verbose?: boolean;
  /** Aborting stops the command (its whole process group): a Ctrl-C during a migration or the seed. */
  signal?: AbortSignal;
}

function medusaCli(): string {
  return require.resolve('@medusajs/cli/cli.js', { paths: [APP_DIR] });
}

function openLog(logFile: string): WriteStream {
  mkdirSync(dirname(logFile), { recursive: true });
  return createWriteStream(logFile, { flags: 'a' });
}

function spawnMedusa(args: string[], options: MedusaRunOptions): ChildProcess {
  const log = openLog(options.logFile);
  log.write(`\n=== medusa ${args.join(' ')} (${new Date().toISOString()})\n`);
  // Its own process group: a Ctrl-C in the terminal reaches only the demo, which stops Medusa first and
  // the database after it, instead of everything at once.
  const child = spawn(process.execPath, [medusaCli(), ...args], {
    cwd: APP_DIR,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log, { end: false });
    if (options.verbose) stream?.pipe(process.stdout, { end: false });
  }
  const abort = () => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  child.once('close', () => {
    options.signal?.removeEventListener('abort', abort);
    log.end();
  });
  return child;
}

function tail(logFile: string, lines = 25): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs a one-shot Medusa command (`db:migrate`, `exec`) to completion. */
export function runMedusa(args: string[], options: MedusaRunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnMedusa(args, options);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `medusa ${args[0]} failed (${signal ?? `exit ${code}`}); last lines of ${options.logFile}:\n${tail(options.logFile)}`,
          ),
        );
    });
  });
}

export interface MedusaServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `medusa start` on 127.0.0.1 and resolves once `/health` answers. */
export async function startMedusa(port: number, options: MedusaRunOptions): Promise<MedusaServer> {
  const child = spawnMedusa(['start', '--host', '127.0.0.1', '--port', String(port)], options);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once('close', (code, signal) =>
      reject(
        new Error(
          `medusa start exited (${signal ?? `exit ${code}`}); last lines of ${options.logFile}:\n${tail(options.logFile)}`,
        ),
      ),
    );
  });
  exited.catch(() => {}); // observed below; after a deliberate stop nobody waits for it
  const stop = () => stopChild(child);
  try {
    await Promise.race([waitForHealth(url, 180_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Medusa did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/** SIGTERM to the whole group (Medusa shuts down gracefully and exits 0), SIGKILL if it lingers. */
function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
