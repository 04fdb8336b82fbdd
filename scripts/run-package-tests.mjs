// How `npm test` runs the packages' tests: a few packages at a time, the slowest first. One package's tests
// mostly wait (sandboxes over HTTP, PostgreSQL, Medusa's boots): the whole suite one package after another
// kept about half of one core busy on a 2-core machine, and took ~13 minutes. turbo runs independent tasks in
// an order of its own, so the two longest packages (each ~4 minutes) could start last; this pool starts them
// first, side by side, and the rest follow in whichever slot frees first. Two slots, not three: three at once
// on a loaded 2-core machine starved tests with short timeouts (a 500 ms vendor request retried, a 20 s test).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Packages that take minutes, longest first (the bare CI run's reports: `.vitest-report.json`). Not a list of
 * what runs — every package with a `test` script does — only of what starts first.
 */
export const SLOWEST_FIRST = ['@giftwire/engine', '@giftwire/medusa', '@giftwire/demo-store'];

/** Packages in the order they should start: {@link SLOWEST_FIRST}, then the rest by name. */
export function testOrder(packages, slowestFirst = SLOWEST_FIRST) {
  const rank = (name) => {
    const index = slowestFirst.indexOf(name);
    return index === -1 ? slowestFirst.length : index;
  };
  return [...packages].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** Parallel slots: GIFTWIRE_TEST_CONCURRENCY when set (1 = one package after another), else 2. */
export function testConcurrency(env = process.env) {
  const value = env.GIFTWIRE_TEST_CONCURRENCY;
  if (value === undefined || value === '') return 2;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`GIFTWIRE_TEST_CONCURRENCY: ${value} is not a whole number ≥ 1`);
  return number;
}

/**
 * Runs `runOne(pkg)` for every package, `concurrency` at a time in {@link testOrder}; a failure does not stop
 * the others. Resolves to one `{ name, code, seconds }` per package, in the order they started.
 *
 * @example
 * const results = await runPool(packages, 2, (pkg) => runCommand(['pnpm', 'test'], { cwd: pkg.dir }));
 */
export async function runPool(packages, concurrency, runOne, { stopped = () => false } = {}) {
  const queue = testOrder(packages);
  const results = [];
  const worker = async () => {
    while (queue.length > 0 && !stopped()) {
      const pkg = queue.shift();
      const started = Date.now();
      const result = { name: pkg.name, code: undefined, seconds: 0 };
      results.push(result);
      try {
        result.code = await runOne(pkg);
      } catch {
        result.code = 1;
      }
      result.seconds = Math.round((Date.now() - started) / 1000);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return results;
}

/**
 * Spawns `argv` in `cwd` and prints its output line by line behind `prefix` (as turbo does, so two packages'
 * lines stay apart). Resolves to its exit code; `onChild` gets the process, for passing on a Ctrl-C.
 */
export function runPrefixed(argv, { cwd, env, prefix, onChild = () => {} }) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    onChild(child);
    let open = 2;
    let exitCode;
    const done = () => {
      if (open === 0 && exitCode !== undefined) resolve(exitCode);
    };
    for (const stream of [child.stdout, child.stderr]) {
      const out = stream === child.stdout ? process.stdout : process.stderr;
      const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on('line', (line) => out.write(`${prefix}${line}\n`));
      lines.once('close', () => {
        open -= 1;
        done();
      });
    }
    child.once('error', (error) => {
      process.stderr.write(`${prefix}${error?.message ?? error}\n`);
      exitCode = 1;
      open = 0;
      done();
    });
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 1 : 0);
      done();
    });
  });
}
