// `npm test -- --services` (or GIFTWIRE_TEST_SERVICES=1): a short run proving that the PostgreSQL, Redis and
// Chromium this machine has are found and used (without /usr/bin/chromium: the npm Chromium on the system's
// libraries). CI runs the full suite once, bare (everything brought by
// `npm test` itself); this smoke covers the other path — what a developer with those services installed gets —
// in a few minutes instead of a second full run. The one list of what it runs is below.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The test files the services smoke runs: each one uses its `service` for real (a file that no longer exists
 * fails the smoke before anything runs, so the list cannot quietly shrink; scripts/test checks that every
 * service has a file).
 */
export const SERVICES_SMOKE = [
  {
    dir: 'packages/engine',
    file: 'test/stores/postgres-order-store.test.ts',
    service: 'postgres',
    proves: 'PostgreSQL: the order store on its own database (test-kit createTestDatabase)',
  },
  {
    dir: 'packages/engine',
    file: 'src/redis/redis-rate-limit-store.test.ts',
    service: 'redis',
    proves: 'Redis: the shared rate-limit store',
  },
  {
    dir: 'packages/medusa',
    file: 'src/providers/giftwire/__tests__/giftwire-provider.test.ts',
    service: 'postgres',
    proves: "PostgreSQL through Medusa's test runner (DB_HOST/DB_PORT/DB_USERNAME from the URL)",
  },
  {
    dir: 'apps/demo-store',
    file: 'test/storefront.test.ts',
    service: 'chromium',
    proves: 'Chromium: a checkout in the browser, against the demo booted on that PostgreSQL',
  },
];

/** `true` when `npm test` was asked for the services smoke: the `--services` flag or GIFTWIRE_TEST_SERVICES. */
export function wantsServicesSmoke(argv = process.argv.slice(2), env = process.env) {
  const value = String(env.GIFTWIRE_TEST_SERVICES ?? '')
    .trim()
    .toLowerCase();
  return argv.includes('--services') || (value !== '' && value !== '0' && value !== 'false');
}

/**
 * The smoke's files grouped by package dir (in list order), each path relative to its package. Throws, naming
 * every one, when a listed file is missing — a renamed or deleted test must be replaced here, not dropped.
 *
 * @example
 * for (const { dir, files } of servicesSmokePlan(root)) run(['vitest', 'run', ...files], { cwd: dir });
 */
export function servicesSmokePlan(root, list = SERVICES_SMOKE) {
  if (list.length === 0) throw new Error('the services smoke lists no test files');
  const missing = list.filter(({ dir, file }) => !existsSync(join(root, dir, file)));
  if (missing.length > 0)
    throw new Error(
      `the services smoke lists test files that do not exist (scripts/services-smoke.mjs):\n${missing
        .map(({ dir, file, proves }) => `  ${dir}/${file} — ${proves}`)
        .join('\n')}`,
    );
  const plan = [];
  for (const { dir, file } of list) {
    const packageDir = join(root, dir);
    let entry = plan.find((group) => group.dir === packageDir);
    if (!entry) {
      entry = { dir: packageDir, files: [] };
      plan.push(entry);
    }
    entry.files.push(file);
  }
  return plan;
}

/**
 * What the smoke needs from `provideTestServices`: PostgreSQL and Redis found on the machine (or given by their
 * variables), not started by `npm test` — else it would not prove what it is for. Chromium may come from npm:
 * a machine without Debian's /usr/bin/chromium (CI's) then proves the npm Chromium on the system's own NSS and
 * fonts, the path the bare run does not take (it forces the bundled libraries). Returns the problems.
 */
export function servicesSmokeProblems(sources) {
  return ['postgres', 'redis']
    .filter((name) => sources[name] === 'started' || sources[name] === undefined)
    .map((name) => `${name}: not found on this machine (npm test started its own)`);
}
