import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

/**
 * Where the tests find PostgreSQL, Redis and Chromium — the one place that says so. `npm test` sets the three
 * `GIFTWIRE_*` variables (to what the machine has, or to what it started itself: scripts/test-services.mjs);
 * a plain `vitest` in a package gets today's defaults. Every vitest config calls this, so every test, global
 * setup and child process sees the same values:
 *
 * - `GIFTWIRE_TEST_POSTGRES_URL`: a server (trust auth) and its database `test`; tests create their own
 *   databases on it (`new URL(url)` with another pathname).
 * - `GIFTWIRE_TEST_REDIS_URL`: a Redis; tests write only keys under their own prefix.
 * - `GIFTWIRE_CHROMIUM`: the Chromium executable for playwright-core.
 * - `DB_HOST`, `DB_PORT`, `DB_USERNAME`, `DB_PASSWORD`: the same server for Medusa's test runners, derived from
 *   the URL (`DB_HOST` is `localhost` for a local server: any other host makes @medusajs/test-utils use SSL).
 */
export function testServiceEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const postgresUrl = env.GIFTWIRE_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const postgres = new URL(postgresUrl);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(postgres.hostname);
  return {
    GIFTWIRE_TEST_POSTGRES_URL: postgresUrl,
    GIFTWIRE_TEST_REDIS_URL: env.GIFTWIRE_TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    GIFTWIRE_CHROMIUM: env.GIFTWIRE_CHROMIUM || '/usr/bin/chromium',
    DB_HOST: local ? 'localhost' : postgres.hostname,
    DB_PORT: postgres.port || '5432',
    DB_USERNAME: decodeURIComponent(postgres.username) || 'postgres',
    DB_PASSWORD: decodeURIComponent(postgres.password),
    // Names what one run creates with a fixed name (Medusa's test databases), so concurrent runs do not collide.
    GIFTWIRE_TEST_RUN_ID: env.GIFTWIRE_TEST_RUN_ID || randomBytes(4).toString('hex'),
  };
}

/** Sets {@link testServiceEnv} on this (vitest's main) process: global setups and workers inherit it. */
export function applyTestServiceEnv(): Record<string, string> {
  const env = testServiceEnv();
  Object.assign(process.env, env);
  return env;
}

/**
 * One test setup for every package. The JSON report lets `npm test` print a single summary line for CI.
 */
export const testConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    env: applyTestServiceEnv(),
    testTimeout: 20_000,
    // Generous: a hook that waits on a busy machine (two cores, a database, child processes) must not fail
    // the file; a healthy hook takes what it takes either way.
    hookTimeout: 60_000,
  },
});
