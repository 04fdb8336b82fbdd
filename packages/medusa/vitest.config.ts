import { defineConfig } from 'vitest/config';
import { applyTestServiceEnv } from '../../vitest.shared.ts';

// Medusa's runners need: describe/it/beforeAll as globals, worker threads (the app runner calls
// process.send), and a TS require hook (Medusa `require`s medusa-config.ts and module files).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'integration-tests/**/*.test.ts'],
    globals: true,
    pool: 'threads',
    setupFiles: ['./test/support/setup.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    // PostgreSQL for the runners and global setup: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD from
    // GIFTWIRE_TEST_POSTGRES_URL (see vitest.shared.ts).
    env: applyTestServiceEnv(),
    // The runners boot Medusa (migrations, module loaders) in their hooks: a minute on a quiet machine can be
    // several on a busy one. Generous limits cost nothing when the boot is quick.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // Medusa's module loader rejects a second, unobserved copy of a failed boot's promise. The boot test
    // awaits the real one; only that exact, expected failure is let through here.
    onUnhandledError(error) {
      return !/Loaders for module Fulfillment failed: giftwire provider option/.test(String(error?.message));
    },
  },
});
