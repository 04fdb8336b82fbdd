import { defineConfig, type Options } from 'tsup';

/** One build recipe for every public package: ESM + CJS + .d.ts/.d.cts, Node 20. */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
