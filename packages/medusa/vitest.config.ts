import { defineConfig } from 'vitest/config';

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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // Medusa's module loader rejects a second, unobserved copy of a failed boot's promise. The boot test
    // awaits the real one; only that exact, expected failure is let through here.
    onUnhandledError(error) {
      return !/Loaders for module Fulfillment failed: giftwire provider option/.test(String(error?.message));
    },
  },
});
