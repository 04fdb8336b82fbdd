import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A real Medusa CLI process (`db:migrate`, `exec`, `start`) in `cwd`, its output appended to `logFile`. */
export interface MedusaRun {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}

function medusaCli(cwd: string): string {
  return require.resolve('@medusajs/cli/cli.js', { paths: [cwd] });
}

function spawnMedusa(args: string[], run: MedusaRun): ChildProcess {
  mkdirSync(dirname(run.logFile), { recursive: true });
  const log = createWriteStream(run.logFile, { flags: 'a' });
  log.write(`\n=== medusa ${args.join(' ')}\n`);
  const child = spawn(process.execPath, [medusaCli(run.cwd), ...args], {
    cwd: run.cwd,
    env: run.env,
    // Its own process group, so stopping it stops whatever it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  return child;
}

function tail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs a one-shot command to completion; rejects with the log's tail. */
export function runMedusa(args: string[], run: MedusaRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnMedusa(args, run);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`medusa ${args[0]} failed (${signal ?? code}):\n${tail(run.logFile)}`));
    });
  });
}

export interface MedusaServer {
  url: string;
  stop(): Promise<void>;
  /** SIGKILL to the whole process group, as a machine losing power leaves it; resolves once it is gone. */
  kill(): Promise<void>;
  /** Resolves when the process has exited, however it went. */
  exited(): Promise<void>;
}

/** `medusa start` on 127.0.0.1:`port`; resolves once `/health` answers (no deadline: the test's timeout is it). */
export async function startMedusa(port: number, run: MedusaRun): Promise<MedusaServer> {
  const child = spawnMedusa(['start', '--host', '127.0.0.1', '--port', String(port)], run);
  const url = `http://127.0.0.1:${port}`;
  let exited: Error | undefined;
  const closed = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      exited = new Error(`medusa start exited (${signal ?? code}):\n${tail(run.logFile)}`);
      resolve();
    });
  });
  const server: MedusaServer = {
    url,
    stop: () => stopChild(child),
    kill: () => stopChild(child, 0),
    exited: () => closed,
  };
  for (;;) {
    if (exited) throw exited;
    try {
      if ((await fetch(`${url}/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM to the group (Medusa shuts down gracefully), SIGKILL if it lingers; a grace of 0 is SIGKILL at once. */
function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const timer = graceMs > 0 ? setTimeout(() => signal('SIGKILL'), graceMs) : undefined;
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    signal(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  });
}
