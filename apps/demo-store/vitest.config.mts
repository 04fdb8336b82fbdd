import { mergeConfig } from 'vitest/config';
import { testConfig } from '../../vitest.shared.ts';

// The browser test boots the whole demo (migrations, seed, Medusa) once per file: generous hooks (a boot that
// takes a minute on a quiet machine can take several on a busy one), one file at a time so two demos never
// compete for the CPU.
export default mergeConfig(testConfig, {
  test: {
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
