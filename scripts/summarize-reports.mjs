// Sums every package's vitest JSON report (`.vitest-report.json`) into the closing line of `npm test`:
//
//   tests: 812 passed, 0 failed, 3 skipped
//
// "failed" counts failed tests plus every test file that failed without a failed test in it — a `beforeAll`
// that timed out (vitest then reports the file's tests as skipped), a file that failed to import, an error
// vitest pinned on the file — and every package whose tests ran but left no report. A red run never says 0.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPORT = '.vitest-report.json';

/**
 * @param {{ name: string, report?: object, missing?: boolean }[]} packages  one entry per package with tests;
 *   `report` is its parsed JSON report, or `missing: true` when it wrote none
 * @returns {{ passed: number, failed: number, skipped: number, failedTests: number,
 *   failedSuites: { package: string, file?: string, message: string }[] }}
 */
export function summarize(packages) {
  const totals = { passed: 0, failed: 0, skipped: 0, failedTests: 0, failedSuites: [] };
  for (const { name, report, missing } of packages) {
    if (!report) {
      if (missing)
        totals.failedSuites.push({ package: name, message: `no ${REPORT}: vitest did not finish` });
      continue;
    }
    totals.passed += report.numPassedTests ?? 0;
    totals.failedTests += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    let found = 0;
    for (const file of report.testResults ?? []) {
      if (file.status !== 'failed') continue;
      const failedTest = (file.assertionResults ?? []).some((test) => test.status === 'failed');
      if (failedTest) continue; // already counted as failed tests
      found += 1;
      totals.failedSuites.push({
        package: name,
        file: file.name,
        message:
          firstLine(file.message) || 'failed outside its tests (a hook, or the import; see the log above)',
      });
    }
    // A failed suite the per-file status did not show (vitest marks the file; this is a safety net).
    const suiteFailures = report.numFailedTestSuites ?? 0;
    if (
      found === 0 &&
      (report.numFailedTests ?? 0) === 0 &&
      (suiteFailures > 0 || report.success === false)
    ) {
      totals.failedSuites.push({
        package: name,
        message: suiteFailures > 0 ? `${suiteFailures} failed suite(s)` : 'the report says the run failed',
      });
    }
  }
  totals.failed = totals.failedTests + totals.failedSuites.length;
  return totals;
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean);
}

/** The closing lines: the `tests: …` line last, alone, in the exact form CI reads. */
export function formatSummary(totals, root = '') {
  const lines = [];
  if (totals.failedSuites.length > 0) {
    lines.push(
      `${totals.failedSuites.length} of the failures are test files or packages that failed outside a test:`,
    );
    for (const suite of totals.failedSuites) {
      const where = suite.file
        ? `${suite.package}: ${root ? relative(root, suite.file) : suite.file}`
        : suite.package;
      lines.push(`  ✗ ${where} — ${suite.message}`);
    }
  }
  lines.push(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return lines.join('\n');
}

/** Reads the reports of the given package dirs; a package with a `test` script but no report is `missing`. */
export function readReports(packageDirs) {
  const entries = [];
  for (const dir of packageDirs) {
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (!manifest.scripts?.test) continue;
    const file = join(dir, REPORT);
    if (!existsSync(file)) {
      entries.push({ name: manifest.name, missing: true });
      continue;
    }
    try {
      entries.push({ name: manifest.name, report: JSON.parse(readFileSync(file, 'utf8')) });
    } catch (error) {
      entries.push({ name: manifest.name, missing: true, error });
    }
  }
  return entries;
}
