// The closing line of `npm test` must never say "0 failed" above a red run: `node --test scripts/test/`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatSummary, readReports, summarize } from '../summarize-reports.mjs';

const passedTest = { status: 'passed', title: 'ok' };
const failedTest = { status: 'failed', title: 'broken' };
const skippedTest = { status: 'skipped', title: 'later' };

function report(files, extra = {}) {
  const tests = files.flatMap((file) => file.assertionResults);
  const count = (status) => tests.filter((t) => t.status === status).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: 0,
    numFailedTestSuites: files.filter((file) => file.status === 'failed').length,
    success: files.every((file) => file.status === 'passed'),
    testResults: files,
    ...extra,
  };
}

test('sums passed, failed and skipped tests over packages', () => {
  const totals = summarize([
    {
      name: 'a',
      report: report([{ name: '/a.test.ts', status: 'passed', assertionResults: [passedTest, skippedTest] }]),
    },
    {
      name: 'b',
      report: report([{ name: '/b.test.ts', status: 'failed', assertionResults: [passedTest, failedTest] }]),
    },
  ]);
  assert.deepEqual([totals.passed, totals.failed, totals.skipped], [2, 1, 1]);
  assert.deepEqual(totals.failedSuites, []);
  assert.equal(formatSummary(totals), 'tests: 2 passed, 1 failed, 1 skipped');
});

test('a file whose beforeAll timed out counts as failed (vitest reports its tests as skipped)', () => {
  const file = {
    name: '/repo/packages/x/test/boot.test.ts',
    status: 'failed',
    message: 'Hook timed out in 60000ms.\nIf this is a long-running hook, pass a timeout value',
    assertionResults: [skippedTest, skippedTest],
  };
  const totals = summarize([{ name: '@giftwire/x', report: report([file]) }]);
  assert.deepEqual([totals.passed, totals.failed, totals.skipped], [0, 1, 2]);
  const lines = formatSummary(totals, '/repo').split('\n');
  assert.equal(lines.at(-1), 'tests: 0 passed, 1 failed, 2 skipped');
  assert.match(
    lines.join('\n'),
    /@giftwire\/x: packages\/x\/test\/boot\.test\.ts — Hook timed out in 60000ms\./,
  );
});

test('a file that fails to import counts as failed', () => {
  const file = {
    name: '/f.test.ts',
    status: 'failed',
    message: "Cannot find module './nope'",
    assertionResults: [],
  };
  const totals = summarize([
    {
      name: 'p',
      report: report([file, { name: '/g.test.ts', status: 'passed', assertionResults: [passedTest] }]),
    },
  ]);
  assert.deepEqual([totals.passed, totals.failed], [1, 1]);
});

test('a failed file with a failed test is counted once, by its test', () => {
  const file = {
    name: '/f.test.ts',
    status: 'failed',
    message: '',
    assertionResults: [failedTest, failedTest],
  };
  assert.equal(summarize([{ name: 'p', report: report([file]) }]).failed, 2);
});

test('a suite failure the files do not show still counts', () => {
  const files = [{ name: '/f.test.ts', status: 'passed', assertionResults: [passedTest] }];
  const totals = summarize([
    { name: 'p', report: report(files, { numFailedTestSuites: 1, success: false }) },
  ]);
  assert.equal(totals.failed, 1);
});

test('a package that ran no tests to the end (no report) counts as failed', () => {
  const root = mkdtempSync(join(tmpdir(), 'summarize-test-'));
  try {
    for (const [name, scripts] of [
      ['with-report', { test: 'vitest run' }],
      ['no-report', { test: 'vitest run' }],
      ['no-tests', {}],
    ]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'package.json'), JSON.stringify({ name, scripts }));
    }
    const files = [{ name: '/t.test.ts', status: 'passed', assertionResults: [passedTest] }];
    writeFileSync(join(root, 'with-report', '.vitest-report.json'), JSON.stringify(report(files)));
    const entries = readReports(['with-report', 'no-report', 'no-tests'].map((name) => join(root, name)));
    assert.deepEqual(
      entries.map((entry) => entry.name),
      ['with-report', 'no-report'],
    );
    const totals = summarize(entries);
    assert.deepEqual([totals.passed, totals.failed], [1, 1]);
    assert.equal(totals.failedSuites[0].package, 'no-report');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
