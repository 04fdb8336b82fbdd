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

// A changeset is only read if its front matter is intact (a markdown formatter once turned it into a heading).
const changesetDir = join(root, '.changeset');
const publicNames = new Set(
  readdirSync(packagesDir)
    .map((name) => join(packagesDir, name, 'package.json'))
    .filter(existsSync)
    .map((path) => JSON.parse(readFileSync(path, 'utf8')))
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name),
);
for (const file of readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const text = readFileSync(join(changesetDir, file), 'utf8');
  const match = /^---\n((?:"[^"]+": (?:major|minor|patch)\n)+)---\n\n\S/.exec(text);
  const names = match ? [...match[1].matchAll(/"([^"]+)":/g)].map((m) => m[1]) : [];
  if (!match || names.some((name) => !publicNames.has(name)))
    failures.push(`.changeset/${file} (front matter)`);
}

if (failures.length > 0) {
  console.error(`\nPackage check failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nEvery public package passes publint and attw; every changeset is well-formed.');
