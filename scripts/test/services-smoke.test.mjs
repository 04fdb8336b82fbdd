// The services smoke (`npm test -- --services`) must run real files and cover every service: `node --test scripts/test/`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../ensure-workspace.mjs';
import {
  SERVICES_SMOKE,
  servicesSmokePlan,
  servicesSmokeProblems,
  wantsServicesSmoke,
} from '../services-smoke.mjs';

test('every file the smoke lists exists in this repo', () => {
  const plan = servicesSmokePlan(root);
  assert.equal(
    plan.reduce((count, group) => count + group.files.length, 0),
    SERVICES_SMOKE.length,
  );
});

test('the smoke has a test file for each of PostgreSQL, Redis and Chromium', () => {
  const covered = new Set(SERVICES_SMOKE.map(({ service }) => service));
  assert.deepEqual([...covered].sort(), ['chromium', 'postgres', 'redis']);
});

test('a listed file that no longer exists fails the plan, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'giftwire-smoke-test-'));
  try {
    mkdirSync(join(dir, 'packages', 'a', 'test'), { recursive: true });
    writeFileSync(join(dir, 'packages', 'a', 'test', 'kept.test.ts'), '');
    const list = [
      { dir: 'packages/a', file: 'test/kept.test.ts', service: 'postgres', proves: 'kept' },
      { dir: 'packages/a', file: 'test/renamed.test.ts', service: 'redis', proves: 'the Redis one' },
    ];
    assert.throws(
      () => servicesSmokePlan(dir, list),
      (error) =>
        /packages\/a\/test\/renamed\.test\.ts — the Redis one/.test(error.message) &&
        !/kept\.test\.ts/.test(error.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty list fails too', () => {
  assert.throws(() => servicesSmokePlan(root, []), /lists no test files/);
});

test('files are grouped by package, in list order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'giftwire-smoke-test-'));
  try {
    for (const path of ['packages/a/x.test.ts', 'packages/b/y.test.ts', 'packages/a/z.test.ts']) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
    }
    const list = [
      { dir: 'packages/a', file: 'x.test.ts' },
      { dir: 'packages/b', file: 'y.test.ts' },
      { dir: 'packages/a', file: 'z.test.ts' },
    ];
    assert.deepEqual(servicesSmokePlan(dir, list), [
      { dir: join(dir, 'packages/a'), files: ['x.test.ts', 'z.test.ts'] },
      { dir: join(dir, 'packages/b'), files: ['y.test.ts'] },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('asked for by the --services flag or GIFTWIRE_TEST_SERVICES', () => {
  assert.equal(wantsServicesSmoke([], {}), false);
  assert.equal(wantsServicesSmoke(['--services'], {}), true);
  assert.equal(wantsServicesSmoke([], { GIFTWIRE_TEST_SERVICES: '1' }), true);
  assert.equal(wantsServicesSmoke([], { GIFTWIRE_TEST_SERVICES: '0' }), false);
  assert.equal(wantsServicesSmoke([], { GIFTWIRE_TEST_SERVICES: 'false' }), false);
});

test('a PostgreSQL or Redis npm test had to start itself is a problem for the smoke; found or given ones are not', () => {
  assert.deepEqual(servicesSmokeProblems({ postgres: 'machine', redis: 'given', chromium: 'machine' }), []);
  assert.deepEqual(servicesSmokeProblems({ postgres: 'started', redis: 'machine', chromium: 'machine' }), [
    'postgres: not found on this machine (npm test started its own)',
  ]);
  assert.deepEqual(servicesSmokeProblems({ postgres: 'machine', redis: 'started', chromium: 'started' }), [
    'redis: not found on this machine (npm test started its own)',
  ]);
});

test("without Debian's Chromium the npm one (on the system's libraries) serves the smoke", () => {
  assert.deepEqual(servicesSmokeProblems({ postgres: 'machine', redis: 'machine', chromium: 'started' }), []);
});
