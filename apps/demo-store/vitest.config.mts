import { mergeConfig } from 'vitest/config';
import { testConfig } from '../../vitest.shared.ts';

// The browser test boots the whole demo (migrations, seed, Medusa) once per file: generous hooks, one file at a
// time so two demos never compete for the CPU.
export default mergeConfig(testConfig, {
  test: {
    testTimeout: 120_000,
    hookTimeout: 150_000,
    fileParallelism: false,
  },
});
