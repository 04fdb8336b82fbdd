#!/usr/bin/env node
/*
 * The conventions a reviewer should not have to check by eye. Plain Node, no dependencies, reads files as text
 * (nothing is built or run). Exits 1 listing every violation, 0 when there are none.
 *
 * 1. Import arrows. Each workspace package has a role: `@giftwire/core`, `@giftwire/http`, `@giftwire/engine`,
 *    `@giftwire/sandbox-kit` by name; a vendor (bamboo, starship, …) or an adapter (express, medusa) by
 *    `"giftwire": { "kind": "vendor" | "adapter" }` in its package.json; a private package (test-kit,
 *    conformance, bench-kit, benchmarks, demo-store) is free. A public package with none of these is a
 *    violation (a new vendor must say it is one). What each role may import:
 *      core → nothing · http → core · sandbox-kit → core · engine → core, http
 *      vendor → core, http, sandbox-kit · adapter → core, engine, http (never a vendor)
 *    Checked in every non-test source file under a package's `src/` and `bench/` (test files — `*.test.*`,
 *    `test/`, `integration-tests/`, `__tests__/` — may use anything their package lists as a devDependency):
 *    static imports and re-exports (type-only ones too: they tie the package to the other at build time),
 *    and `import('…')` / `require('…')` of a literal. A name computed at runtime (Medusa's provider lookup,
 *    `import(\`@giftwire/${vendor}\`)`) is not a static arrow and is allowed. The same arrows hold for the
 *    package.json `dependencies` and non-optional `peerDependencies` (an adapter may list vendors as optional
 *    peers: the shop installs the ones it uses). A private package may be imported from `bench/` only.
 * 2. File names, under `packages/*\/src` and `apps/*\/src`:
 *    a. kebab-case (`voucher-cipher.ts`), folders too. Exempt: Medusa's convention names — `[param]` route
 *       folders, files under `models/` and `migrations/` (`Migration20261122112529.ts`) — and `__tests__`,
 *       `__fixtures__`.
 *    b. named after the main export: a source file (not `index.*`, not a test, not a `.d.ts`) that exports a
 *       function or a class must be named after one of them — its kebab-case name, optionally without a
 *       leading `create`/`start` (`create-fulfiller.ts` ↔ `createFulfiller`, `voucher-cipher.ts` ↔
 *       `createVoucherCipher`, `start-bamboo-sandbox.ts` ↔ `startBambooSandbox`), compared without hyphens and
 *       case so acronyms (`createPgBossScheduler`, `HTTPError`) need no special spelling — or after the concept
 *       its exports are built on: the file's words standing as a run in one export's words
 *       (`list-cursor.ts` ↔ `encodeListCursor`/`decodeListCursor`, `errors.ts` ↔ `ValidationError`, a plural
 *       file word matching a singular). So a module of a few functions around one noun keeps the noun's name,
 *       while a file whose name says nothing its exports say (`record-writer.ts` of `writeTransition`) fails. A file that exports
 *       only types and constants is free, and so are Medusa's convention files (route.ts, middlewares.ts,
 *       service.ts; everything under models/, migrations/, subscribers/, jobs/, widgets/, loaders/, links/,
 *       workflows/, api/), whose names the framework chooses.
 * 3. Vendor package shape: each vendor's main entry (`src/index.ts`, following `export *`) exports
 *    `create<Vendor>`, `<VENDOR>_LIMITS` and `<VENDOR>_CAPABILITIES`; its package.json has a `./sandbox`
 *    export whose source entry (`src/sandbox/index.ts` or `src/sandbox.ts`) exports `start<Vendor>Sandbox`.
 *    `<Vendor>` comes from the package name: `@giftwire/gift-hub` → `GiftHub`, `GIFT_HUB`; a brand whose casing
 *    the name cannot carry says it in package.json: `"giftwire": { "kind": "vendor", "name": "GiftHub" }` for
 *    `@giftwire/gifthub` gives `createGiftHub` / `startGiftHubSandbox` (the constants stay `GIFTHUB_*`).
 *
 * Usage: node scripts/check-conventions.mjs [root]   (root: the monorepo, default this script's parent)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
// `test-support` folders and files hold helpers for the tests beside them: no entry imports them, nothing ships them.
const TEST_DIRS = new Set(['test', 'integration-tests', '__tests__', 'test-support']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.medusa', '.turbo']);

/** What each role may import; `free` roles are not checked. */
const ALLOWED = {
  core: [],
  http: ['core'],
  'sandbox-kit': ['core'],
  engine: ['core', 'http'],
  vendor: ['core', 'http', 'sandbox-kit'],
  adapter: ['core', 'engine', 'http'],
};
const ROLE_BY_NAME = { core: 'core', http: 'http', 'sandbox-kit': 'sandbox-kit', engine: 'engine' };

/** Medusa chooses these names (or the folder holds framework files named by it). */
const MEDUSA_NAMED_FILES = new Set(['route', 'middlewares', 'service']);
const MEDUSA_DIRS = new Set([
  'models',
  'migrations',
  'subscribers',
  'jobs',
  'widgets',
  'loaders',
  'links',
  'workflows',
  'api',
]);
const NOT_KEBAB_DIRS = new Set(['models', 'migrations']);

export function checkConventions(root) {
  const packages = readWorkspace(root);
  const violations = [];
  const byName = new Map(packages.map((p) => [p.name, p]));
  for (const pkg of packages) {
    violations.push(...checkRole(pkg));
    violations.push(...checkDependencies(pkg, byName));
    violations.push(...checkImports(root, pkg, byName));
    violations.push(...checkFileNames(root, pkg));
    if (pkg.role === 'vendor') violations.push(...checkVendorShape(pkg));
  }
  return violations;
}

function readWorkspace(root) {
  const packages = [];
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      const file = join(dir, entry, 'package.json');
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8'));
      const short = String(json.name ?? '').replace(/^@giftwire\//, '');
      const role = json.private
        ? 'free'
        : (ROLE_BY_NAME[short] ??
          (['vendor', 'adapter'].includes(json.giftwire?.kind) ? json.giftwire.kind : undefined));
      packages.push({ dir: join(dir, entry), group, name: json.name, short, role, json });
    }
  }
  return packages;
}

function checkRole(pkg) {
  if (pkg.role) return [];
  return [
    `${pkg.group}/${basename(pkg.dir)}/package.json: ${pkg.name} is public but has no role; add "giftwire": { "kind": "vendor" } or { "kind": "adapter" }`,
  ];
}

/** The reason `from` may not import `to`, or undefined when it may. */
function arrowProblem(from, to, { bench = false } = {}) {
  if (!to || from.name === to.name || from.role === 'free' || !from.role) return undefined;
  // A private package (bench-kit, test-kit) is never published, so a published file cannot need it.
  if (to.role === 'free') return bench ? undefined : `${from.name} may not depend on the private ${to.name}`;
  const allowed = ALLOWED[from.role];
  const target = to.role === 'vendor' || to.role === 'adapter' ? to.role : to.short;
  if (allowed.includes(target)) return undefined;
  const what = to.role === 'vendor' ? 'a vendor' : to.role === 'adapter' ? 'an adapter' : to.name;
  const may = allowed.length ? allowed.join(', ') : 'no other @giftwire package';
  return `${from.name} (${from.role}) may not depend on ${what} (${to.name}); it may use ${may}`;
}

function checkDependencies(pkg, byName) {
  const out = [];
  const optional = pkg.json.peerDependenciesMeta ?? {};
  const runtime = { ...pkg.json.dependencies };
  for (const [name, range] of Object.entries(pkg.json.peerDependencies ?? {})) {
    if (!optional[name]?.optional || byName.get(name)?.role !== 'vendor' || pkg.role !== 'adapter') {
      runtime[name] = range;
    }
  }
  for (const name of Object.keys(runtime)) {
    const problem = arrowProblem(pkg, byName.get(name));
    if (problem) out.push(`${pkg.group}/${basename(pkg.dir)}/package.json: ${problem}`);
  }
  return out;
}

function checkImports(root, pkg, byName) {
  const out = [];
  for (const sub of ['src', 'bench']) {
    for (const file of sourceFiles(join(pkg.dir, sub), { skipTests: true })) {
      for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
        const match = /^(@giftwire\/[^/]+)/.exec(specifier);
        if (!match) continue;
        const problem = arrowProblem(pkg, byName.get(match[1]), { bench: sub === 'bench' });
        if (problem) out.push(`${rel(root, file)}:${line}: imports '${specifier}': ${problem}`);
      }
    }
  }
  return out;
}

function* sourceFiles(dir, { skipTests }) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (SKIPPED_DIRS.has(entry) || (skipTests && TEST_DIRS.has(entry))) continue;
      yield* sourceFiles(path, { skipTests });
    } else if (SOURCE.test(entry) && !(skipTests && TEST_FILE.test(entry))) {
      yield path;
    }
  }
}

/** The module specifiers a file names statically, with their line numbers; comments are not read. */
export function importsOf(text) {
  const code = stripComments(text);
  const found = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?)\s+from\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\b(?:import|require)\s*\(\s*(['"`])([^'"`$]+)\1\s*[,)]/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) {
      found.push({ specifier: m[2], line: code.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

/** Blanks comments (keeping line breaks, so line numbers hold); strings are kept as they are. */
function stripComments(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n'))
        j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else {
      out += c;
    }
  }
  return out;
}

function checkFileNames(root, pkg) {
  const out = [];
  const srcDir = join(pkg.dir, 'src');
  for (const file of sourceFiles(srcDir, { skipTests: false })) {
    const parts = relative(srcDir, file).split(sep);
    const dirs = parts.slice(0, -1);
    const base = parts
      .at(-1)
      .replace(/\.d\.ts$/, '')
      .replace(/\.(?:test|spec)(?=\.)/, '')
      .replace(SOURCE, '');
    const exemptDir = dirs.some((d) => NOT_KEBAB_DIRS.has(d) || /^__\w+__$/.test(d));
    for (const d of dirs) {
      if (!isKebab(d) && !/^\[[\w.-]+\]$/.test(d) && !/^__\w+__$/.test(d) && !NOT_KEBAB_DIRS.has(d)) {
        out.push(`${rel(root, file)}: folder '${d}' is not kebab-case`);
      }
    }
    if (!exemptDir && !isKebab(base)) out.push(`${rel(root, file)}: file name '${base}' is not kebab-case`);
    const medusa = dirs.some((d) => MEDUSA_DIRS.has(d)) || MEDUSA_NAMED_FILES.has(base);
    if (medusa || base === 'index' || TEST_FILE.test(file) || file.endsWith('.d.ts')) continue;
    if (dirs.some((d) => /^__\w+__$/.test(d))) continue;
    if (base === 'test-support' || dirs.includes('test-support')) continue;
    const text = readFileSync(file, 'utf8');
    const names = valueExportsOf(text);
    // A file may also be named after a constant it exports (`time-scale.ts` ↔ `TIME_SCALE`).
    const constants = [...stripComments(text).matchAll(/\bexport\s+const\s+([A-Za-z_$][\w$]*)/g)].map(
      (m) => m[1],
    );
    if (names.length === 0 || [...names, ...constants].some((name) => namedAfter(base, name))) continue;
    out.push(
      `${rel(root, file)}: exports ${names.join(', ')} but is not named after one of them (e.g. ${kebab(names[0])}.ts)`,
    );
  }
  return out;
}

function isKebab(name) {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name);
}

export function kebab(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * Whether `base` (a file name without extension) is named after the export `name`: its kebab-case name,
 * without a leading `create`/`start` if it likes, or the concept the name is built on — the file's words as a
 * run of the name's words (`list-cursor.ts` ↔ `encodeListCursor`, `sealed-order.ts` ↔ `isSealedOrder`), a
 * plural file word standing for a singular one (`errors.ts` ↔ `ValidationError`).
 */
export function namedAfter(base, name) {
  const flat = (s) => s.replace(/[-_]/g, '').toLowerCase();
  const stripped = name.replace(/^(?:create|start)(?=[A-Z])/, '');
  if (flat(base) === flat(name) || flat(base) === flat(stripped)) return true;
  const fileWords = base.split('-');
  const words = kebab(name).split(/[-_]/);
  const same = (file, word) => file === word || (file.endsWith('s') && file.slice(0, -1) === word);
  for (let i = 0; i + fileWords.length <= words.length; i++) {
    if (fileWords.every((w, k) => same(w, words[i + k]))) return true;
  }
  return false;
}

/** Functions and classes a file exports by declaration (`export function`, `export class`, arrow consts). */
export function valueExportsOf(text) {
  const code = stripComments(text);
  const names = new Set();
  const declared =
    /\bexport\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\s*\*?|class)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of code.matchAll(declared)) names.add(m[1]);
  const arrows =
    /\bexport\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>)/g;
  for (const m of code.matchAll(arrows)) names.add(m[1]);
  return [...names];
}

/** Every name a module exports, following `export * from './…'` within the package. */
export function exportedNames(file, seen = new Set()) {
  if (!file || seen.has(file) || !existsSync(file)) return new Set();
  seen.add(file);
  const code = stripComments(readFileSync(file, 'utf8'));
  const names = new Set();
  for (const m of code.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim();
      if (name) names.add(name);
    }
  }
  const decl =
    /\bexport\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\s*\*?|class|const|let|var|enum|interface|type)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of code.matchAll(decl)) names.add(m[1]);
  for (const m of code.matchAll(/\bexport\s+\*\s+from\s*(['"])(\.[^'"]+)\1/g)) {
    for (const name of exportedNames(resolveSource(dirname(file), m[2]), seen)) names.add(name);
  }
  return names;
}

function resolveSource(dir, specifier) {
  const base = resolve(dir, specifier.replace(/\.[cm]?js$/, ''));
  const candidates = ['.ts', '.tsx', '.mts', '.js', '.mjs'].flatMap((ext) => [
    base + ext,
    join(base, `index${ext}`),
  ]);
  return candidates.find((c) => existsSync(c));
}

function checkVendorShape(pkg) {
  const out = [];
  const derived = pkg.short.replace(/(?:^|-)([a-z0-9])/g, (_, c) => c.toUpperCase());
  // Only a re-casing of the derived name is accepted, so the brand cannot name another vendor's factories.
  const brand = pkg.json.giftwire?.name;
  const pascal = typeof brand === 'string' && brand.toLowerCase() === derived.toLowerCase() ? brand : derived;
  if (typeof brand === 'string' && pascal !== brand) {
    out.push(
      `${pkg.group}/${basename(pkg.dir)}/package.json: giftwire.name "${brand}" must spell the package name (${derived}) in the brand's casing`,
    );
  }
  const upper = pkg.short.replace(/-/g, '_').toUpperCase();
  const where = `${pkg.group}/${basename(pkg.dir)}`;
  const main = resolveSource(join(pkg.dir, 'src'), './index');
  const mainNames = exportedNames(main);
  for (const name of [`create${pascal}`, `${upper}_LIMITS`, `${upper}_CAPABILITIES`]) {
    if (!mainNames.has(name)) out.push(`${where}: the main entry (src/index.ts) does not export ${name}`);
  }
  if (!pkg.json.exports?.['./sandbox']) {
    out.push(`${where}/package.json: a vendor package needs a "./sandbox" export (start${pascal}Sandbox)`);
  } else {
    const entry = resolveSource(join(pkg.dir, 'src'), './sandbox');
    if (!exportedNames(entry).has(`start${pascal}Sandbox`)) {
      out.push(`${where}: the ./sandbox entry (src/sandbox/index.ts) does not export start${pascal}Sandbox`);
    }
  }
  return out;
}

function rel(root, file) {
  return relative(root, file).split(sep).join('/');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkConventions(root);
  if (violations.length > 0) {
    console.error(`${violations.length} convention violation(s):`);
    for (const v of violations) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log('conventions: ok');
}
