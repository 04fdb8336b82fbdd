import { defineConfig } from 'vitest/config';

/**
 * One test setup for every package. The JSON report lets `npm test` print a single summary line for CI.
 */
export const testConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
