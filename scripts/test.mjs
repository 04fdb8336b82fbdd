#!/usr/bin/env node
// The README's test command (`npm test`): sets up a fresh machine (pnpm and the locked dependencies; PostgreSQL,
// Redis and Chromium found or brought up — see test-services.mjs), builds, runs every package's tests, stops
// what it started, and closes with one summary line counting all of them.
// `npm test -- --services` (or GIFTWIRE_TEST_SERVICES=1) runs only the services smoke instead: the few test
// files listed in services-smoke.mjs, and fails unless this machine's own PostgreSQL and Redis were found and
// used (and its Chromium, when it has one).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, root } from './ensure-workspace.mjs';
import { runPool, runPrefixed, testConcurrency } from './run-package-tests.mjs';
import { servicesSmokePlan, servicesSmokeProblems, wantsServicesSmoke } from './services-smoke.mjs';
import { formatSummary, REPORT, readReports, summarize } from './summarize-reports.mjs';
import { provideTestServices } from './test-services.mjs';

const started = Date.now();
// Every workspace package: the packages/* and apps/* groups, and the proof suite at the root.
const packageDirs = ['packages', 'apps']
  .map((group) => join(root, group))
  .filter(existsSync)
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)))
  .concat(join(root, 'proof'));

for (const dir of packageDirs) rmSync(join(dir, REPORT), { force: true });

const smoke = wantsServicesSmoke();
let smokePlan;
if (smoke) {
  try {
    smokePlan = servicesSmokePlan(root);
  } catch (error) {
    console.error(`\nnpm test --services: ${error?.message ?? error}`);
    process.exit(1);
  }
}

const pnpm = ensureDependencies();

// A terminal's Ctrl-C reaches the whole process group (turbo, vitest, the services); a signal sent to this
// process alone is passed on. Either way the services are stopped and removed below before exiting.
let interrupted;
/** The processes running now (turbo, pnpm test in each package), to pass a signal on to. */
const running = new Set();
function track(started) {
  running.add(started);
  started.once('exit', () => running.delete(started));
  return started;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = signal;
    for (const each of running) each.kill(signal);
  });
}

let services;
try {
  services = await provideTestServices({ root, log: (line) => console.log(`test services: ${line}`) });
} catch (error) {
  console.error(`\nnpm test cannot set up what the tests need.\n${error?.message ?? error}`);
  process.exit(interrupted ? 130 : 1);
}
if (interrupted) {
  await services.stop();
  process.exit(130);
}
if (smoke) {
  const problems = servicesSmokeProblems(services.sources);
  if (problems.length > 0) {
    await services.stop();
    console.error(
      `\nnpm test --services proves the services this machine has, but:\n${problems.map((line) => `  ${line}`).join('\n')}`,
    );
    process.exit(1);
  }
}

function run(argv, cwd = root) {
  console.log(`$ ${argv.join(' ')}${cwd === root ? '' : `   (in ${cwd})`}`);
  return new Promise((resolve) => {
    const child = track(
      spawn(argv[0], argv.slice(1), {
        cwd,
        stdio: 'inherit',
        env: { ...process.env, ...services.env },
      }),
    );
    child.once('error', (error) => {
      console.error(error);
      resolve(1);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
}

// Everything is built first: a vendor's conformance run reaches the engine through @giftwire/conformance's
// peer dependency, which turbo's graph does not follow, so "test depends on build" alone may test a vendor
// before the engine exists. The tests then run in each package directly (never a cached result).
let code = await run([...pnpm, 'turbo', 'run', 'build']);
if (code === 0 && !interrupted && smoke) {
  // One package after another, like the full run; every listed package runs even after a red one.
  for (const { dir, files } of smokePlan) {
    if (interrupted) break;
    const exitCode = await run([...pnpm, 'exec', 'vitest', 'run', ...files], dir);
    if (exitCode !== 0) code = exitCode;
  }
} else if (code === 0 && !interrupted) {
  // Every package with a `test` script, a few at a time, the slowest first (run-package-tests.mjs).
  const packages = packageDirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.scripts?.test)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name }));
  const concurrency = testConcurrency();
  console.log(
    `$ ${pnpm.join(' ')} test   (in each of ${packages.length} packages, ${concurrency} at a time)`,
  );
  const results = await runPool(
    packages,
    concurrency,
    (pkg) =>
      runPrefixed([...pnpm, 'test'], {
        cwd: pkg.dir,
        env: { ...process.env, ...services.env },
        prefix: `${pkg.name}:test: `,
        onChild: track,
      }),
    { stopped: () => interrupted !== undefined },
  );
  console.log(
    `\npackage tests (seconds, in the order they started): ${results
      .map(({ name, code: exit, seconds }) => `${name} ${seconds}${exit === 0 ? '' : ' ✗'}`)
      .join(', ')}`,
  );
  code = results.some(({ code: exit }) => exit !== 0) ? 1 : 0;
}

await services.stop();

const totals = summarize(readReports(smoke ? smokePlan.map(({ dir }) => dir) : packageDirs));
const failedRun = code !== 0 || interrupted !== undefined;
if (failedRun && totals.failed === 0) {
  // Red without a failed test or file (an unhandled error, a crashed worker, a failed build): still a failure.
  totals.failedSuites.push({
    package: 'turbo run test',
    message: interrupted ? `interrupted (${interrupted})` : `exited ${code} (see the output above)`,
  });
  totals.failed += 1;
}
console.log(`\nnpm test${smoke ? ' --services' : ''} took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(formatSummary(totals, root));
process.exit(interrupted ? 130 : failedRun || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
