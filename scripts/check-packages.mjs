#!/usr/bin/env node
// Checks every public package's published shape: publint (package.json vs files) and
// @arethetypeswrong/cli (types resolve for ESM, CJS, node10/node16 and bundlers). Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const failures = [];

for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--format', 'table-flipped']],
  ]) {
    process.stdout.write(`\n── ${manifest.name}: ${tool}\n`);
    try {
      execFileSync(join(root, 'node_modules', '.bin', tool), args, { cwd: dir, stdio: 'inherit' });
    } catch {
      failures.push(`${manifest.name} (${tool})`);
    }
  }
}

if (failures.length > 0) {
  console.error(`\nPackage check failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nEvery public package passes publint and attw.');
