// How `npm test` schedules the packages' tests: `node --test scripts/test/`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPool, runPrefixed, SLOWEST_FIRST, testConcurrency, testOrder } from '../run-package-tests.mjs';

const names = (list) => list.map(({ name }) => name);

test('the slowest packages start first, the rest by name', () => {
  const packages = ['@giftwire/core', '@giftwire/medusa', '@giftwire/bamboo', '@giftwire/engine'].map(
    (name) => ({ name }),
  );
  assert.deepEqual(names(testOrder(packages)), [
    '@giftwire/engine',
    '@giftwire/medusa',
    '@giftwire/bamboo',
    '@giftwire/core',
  ]);
  assert.ok(SLOWEST_FIRST.length > 0);
});

test('concurrency: 2 unless GIFTWIRE_TEST_CONCURRENCY says otherwise; nonsense is refused', () => {
  assert.equal(testConcurrency({}), 2);
  assert.equal(testConcurrency({ GIFTWIRE_TEST_CONCURRENCY: '1' }), 1);
  assert.throws(() => testConcurrency({ GIFTWIRE_TEST_CONCURRENCY: '0' }), /GIFTWIRE_TEST_CONCURRENCY/);
  assert.throws(() => testConcurrency({ GIFTWIRE_TEST_CONCURRENCY: 'two' }), /GIFTWIRE_TEST_CONCURRENCY/);
});

test('runs every package, never more than `concurrency` at once, and goes on after a failure', async () => {
  const packages = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));
  let now = 0;
  let most = 0;
  const results = await runPool(packages, 2, async ({ name }) => {
    now += 1;
    most = Math.max(most, now);
    await new Promise((resolve) => setImmediate(resolve));
    now -= 1;
    if (name === 'b') return 1;
    if (name === 'c') throw new Error('spawn failed');
    return 0;
  });
  assert.equal(most, 2);
  assert.deepEqual(names(results), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(
    results.map(({ code }) => code),
    [0, 1, 1, 0, 0],
  );
});

test('an interrupted run starts nothing more', async () => {
  let stop = false;
  const results = await runPool(
    ['a', 'b', 'c'].map((name) => ({ name })),
    1,
    async () => {
      stop = true;
      return 0;
    },
    { stopped: () => stop },
  );
  assert.deepEqual(names(results), ['a']);
});

test('a package’s output arrives line by line behind its prefix, with its exit code', async () => {
  const written = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    if (String(chunk).startsWith('pkg:test: ')) return written.push(String(chunk));
    return original(chunk, ...rest);
  };
  try {
    const code = await runPrefixed([process.execPath, '-e', 'console.log("one\\ntwo"); process.exit(3)'], {
      cwd: process.cwd(),
      env: process.env,
      prefix: 'pkg:test: ',
    });
    assert.equal(code, 3);
  } finally {
    process.stdout.write = original;
  }
  assert.deepEqual(written, ['pkg:test: one\n', 'pkg:test: two\n']);
});
