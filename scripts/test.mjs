#!/usr/bin/env node
// The README's test command (`npm test`): sets up a fresh machine, builds, runs every package's tests, and
// closes with one summary line counting all of them.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './ensure-workspace.mjs';

const REPORT = '.vitest-report.json';
const packageDirs = ['packages', 'apps']
  .map((group) => join(root, group))
  .filter(existsSync)
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)));

for (const dir of packageDirs) rmSync(join(dir, REPORT), { force: true });

const pnpm = ensureDependencies();
let failedRun = false;
try {
  run([...pnpm, 'turbo', 'run', 'test', '--concurrency=1', '--continue', '--force']);
} catch {
  failedRun = true;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packageDirs) {
  const file = join(dir, REPORT);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedRun || failed > 0 || passed === 0 ? 1 : 0);
