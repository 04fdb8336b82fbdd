import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkConventions, importsOf, namedAfter } from '../check-conventions.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'check-conventions.mjs');
/** Medusa's provider lookup: the vendor's package name is computed at runtime, so no static arrow. */
const COMPUTED_LOOKUP = [
  "import type { Fulfiller } from '@giftwire/engine';",
  'export const createRouter = async (name: string) => import(`@giftwire/$' + '{name}`);',
].join('\n');
const roots = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A workspace with core, engine, a vendor (acme) and an adapter (shopkit), plus `files` on top. */
function workspace(files = {}, packageJsons = {}) {
  const root = mkdtempSync(join(tmpdir(), 'giftwire-conventions-'));
  roots.push(root);
  const pkgs = {
    core: { name: '@giftwire/core' },
    engine: { name: '@giftwire/engine', dependencies: { '@giftwire/core': 'workspace:^' } },
    acme: {
      name: '@giftwire/acme',
      giftwire: { kind: 'vendor' },
      exports: { '.': './dist/index.js', './sandbox': './dist/sandbox.js' },
    },
    shopkit: { name: '@giftwire/shopkit', giftwire: { kind: 'adapter' } },
    'test-kit': { name: '@giftwire/test-kit', private: true },
    ...packageJsons,
  };
  const all = {
    'packages/acme/src/index.ts':
      "export { ACME_CAPABILITIES, ACME_LIMITS } from './acme-limits';\nexport * from './create-acme';\n",
    'packages/acme/src/acme-limits.ts':
      'export const ACME_LIMITS = {};\nexport const ACME_CAPABILITIES = {};\n',
    'packages/acme/src/create-acme.ts': 'export function createAcme() {}\n',
    'packages/acme/src/sandbox/index.ts': "export { startAcmeSandbox } from './start-acme-sandbox';\n",
    'packages/acme/src/sandbox/start-acme-sandbox.ts': 'export async function startAcmeSandbox() {}\n',
    ...files,
  };
  for (const [dir, json] of Object.entries(pkgs))
    write(root, `packages/${dir}/package.json`, JSON.stringify(json));
  for (const [path, text] of Object.entries(all)) if (text !== null) write(root, path, text);
  return root;
}

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('import arrows', () => {
  it('passes a workspace whose imports run the right way', () => {
    const root = workspace({
      'packages/engine/src/create-fulfiller.ts':
        "import { money } from '@giftwire/core';\nexport function createFulfiller() {}\n",
      'packages/shopkit/src/create-router.ts': COMPUTED_LOOKUP,
      'packages/shopkit/test/router.test.ts': "import { createAcme } from '@giftwire/acme';\n",
      'packages/shopkit/src/router.test.ts': "import { startAcmeSandbox } from '@giftwire/acme/sandbox';\n",
      'packages/engine/bench/throughput.bench.ts': "import { measure } from '@giftwire/test-kit';\n",
    });
    assert.deepEqual(checkConventions(root), []);
  });

  it('flags core importing another workspace package', () => {
    const root = workspace({
      'packages/core/src/money.ts': "import { createFulfiller } from '@giftwire/engine';\n",
    });
    assert.match(
      checkConventions(root).join('\n'),
      /packages\/core\/src\/money\.ts:1: imports '@giftwire\/engine'/,
    );
  });

  it("flags an engine benchmark that imports a vendor (today's engine/bench and express/bench)", () => {
    const root = workspace({
      'packages/engine/bench/bench-world.ts':
        "import { z } from 'zod';\nimport { BAMBOO_LIMITS, createAcme } from '@giftwire/acme';\n",
      'packages/shopkit/bench/router.bench.ts':
        "import { startAcmeSandbox } from '@giftwire/acme/sandbox';\n",
    });
    const found = checkConventions(root);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /packages\/engine\/bench\/bench-world\.ts:2: .*may not depend on a vendor/);
    assert.match(found[1], /packages\/shopkit\/bench\/router\.bench\.ts:1: .*may not depend on a vendor/);
  });

  it('flags a literal require or import() of a vendor from an adapter, and a type-only import', () => {
    const root = workspace({
      'packages/shopkit/src/lookup.ts':
        "const a = require('@giftwire/acme');\nconst b = await import('@giftwire/acme');\nimport type { AcmeSettings } from '@giftwire/acme';\n",
    });
    assert.equal(checkConventions(root).length, 3);
  });

  it('flags a vendor importing the engine, and a published file importing a private package', () => {
    const root = workspace({
      'packages/acme/src/create-acme.ts':
        "import { createFulfiller } from '@giftwire/engine';\nexport function createAcme() {}\n",
      'packages/engine/src/log.ts': "export { captureLogs } from '@giftwire/test-kit';\n",
    });
    const found = checkConventions(root).join('\n');
    assert.match(
      found,
      /acme\/src\/create-acme\.ts:1: .*@giftwire\/acme \(vendor\) may not depend on @giftwire\/engine/,
    );
    assert.match(found, /engine\/src\/log\.ts:1: .*private @giftwire\/test-kit/);
  });

  it('reads no import out of a comment', () => {
    assert.deepEqual(
      importsOf(
        "// import { x } from '@giftwire/acme'\n/* require('@giftwire/acme') */\nconst u = 'http://x';\n",
      ),
      [],
    );
  });

  it("holds package.json dependencies to the arrows, an adapter's optional vendor peers excepted", () => {
    const ok = workspace(
      {},
      {
        shopkit: {
          name: '@giftwire/shopkit',
          giftwire: { kind: 'adapter' },
          dependencies: { '@giftwire/engine': 'workspace:^' },
          peerDependencies: { '@giftwire/acme': 'workspace:^' },
          peerDependenciesMeta: { '@giftwire/acme': { optional: true } },
          devDependencies: { '@giftwire/test-kit': 'workspace:*' },
        },
      },
    );
    assert.deepEqual(checkConventions(ok), []);
    const bad = workspace(
      {},
      {
        shopkit: {
          name: '@giftwire/shopkit',
          giftwire: { kind: 'adapter' },
          dependencies: { '@giftwire/acme': 'workspace:^' },
        },
      },
    );
    assert.match(checkConventions(bad).join('\n'), /shopkit\/package\.json: .*may not depend on a vendor/);
  });

  it('flags a public package that declares no role', () => {
    const root = workspace({}, { mystery: { name: '@giftwire/mystery' } });
    assert.match(checkConventions(root).join('\n'), /mystery\/package\.json: .*has no role/);
  });
});

describe('file names', () => {
  it("passes kebab-case names, Medusa's convention files and names after the main export", () => {
    const root = workspace({
      'packages/shopkit/src/api/store/orders/[id]/route.ts': 'export async function GET() {}\n',
      'packages/shopkit/src/modules/giftwire/migrations/Migration20261122112529.ts':
        'export class Migration20261122112529 {}\n',
      'packages/shopkit/src/modules/giftwire/service.ts': 'export default class GiftwireService {}\n',
      'packages/engine/src/crypto/voucher-cipher.ts': 'export function createVoucherCipher() {}\n',
      'packages/engine/src/store/list-cursor.ts':
        'export function encodeListCursor() {}\nexport function decodeListCursor() {}\n',
      'packages/engine/src/errors.ts': 'export class OrderNotFoundError extends Error {}\n',
      'packages/engine/src/order-record.ts': "export type OrderRecord = {};\nexport const STATES = ['a'];\n",
      'packages/engine/src/__tests__/Weird.ts': 'export function other() {}\n',
    });
    assert.deepEqual(checkConventions(root), []);
  });

  it('flags a name that is not kebab-case', () => {
    const root = workspace({
      'packages/engine/src/VoucherCipher.ts': 'export function createVoucherCipher() {}\n',
    });
    assert.match(
      checkConventions(root).join('\n'),
      /VoucherCipher\.ts: file name 'VoucherCipher' is not kebab-case/,
    );
  });

  it('flags a file not named after any function or class it exports', () => {
    const root = workspace({
      'packages/engine/src/record-writer.ts':
        'export function writeTransition() {}\nexport const attentionChanges = (reason: string) => reason;\n',
    });
    const found = checkConventions(root);
    assert.equal(found.length, 1);
    assert.match(found[0], /record-writer\.ts: exports writeTransition, attentionChanges but is not named/);
  });

  it('matches names without a leading create/start and without minding acronyms', () => {
    assert.ok(namedAfter('create-fulfiller', 'createFulfiller'));
    assert.ok(namedAfter('pg-boss-scheduler', 'createPgBossScheduler'));
    assert.ok(namedAfter('bamboo-sandbox', 'startBambooSandbox'));
    assert.ok(namedAfter('http-error', 'HTTPError'));
    assert.ok(!namedAfter('poll-step', 'pollPlacedOrder'));
  });
});

describe('vendor package shape', () => {
  it('passes a vendor exporting create<Vendor>, <VENDOR>_LIMITS, <VENDOR>_CAPABILITIES and start<Vendor>Sandbox', () => {
    assert.deepEqual(checkConventions(workspace()), []);
  });

  it('flags every missing piece', () => {
    const root = workspace(
      {
        'packages/acme/src/acme-limits.ts': 'export const ACME_LIMITS = {};\n',
        'packages/acme/src/index.ts':
          "export { ACME_LIMITS } from './acme-limits';\nexport * from './create-acme';\n",
        'packages/acme/src/sandbox/index.ts': null,
        'packages/acme/src/sandbox/start-acme-sandbox.ts': null,
      },
      { acme: { name: '@giftwire/acme', giftwire: { kind: 'vendor' }, exports: { '.': './dist/index.js' } } },
    );
    const found = checkConventions(root).join('\n');
    assert.match(found, /does not export ACME_CAPABILITIES/);
    assert.match(found, /needs a "\.\/sandbox" export \(startAcmeSandbox\)/);
    assert.doesNotMatch(found, /does not export createAcme/);
  });
});

describe('vendor brand casing', () => {
  const brandFiles = {
    'packages/acme/src/index.ts':
      "export { ACME_CAPABILITIES, ACME_LIMITS } from './acme-limits';\nexport * from './create-acme';\n",
    'packages/acme/src/create-acme.ts': 'export function createAcMe() {}\n',
    'packages/acme/src/sandbox/index.ts': "export { startAcMeSandbox } from './start-acme-sandbox';\n",
    'packages/acme/src/sandbox/start-acme-sandbox.ts': 'export async function startAcMeSandbox() {}\n',
  };
  const branded = (name) => ({
    acme: {
      name: '@giftwire/acme',
      giftwire: { kind: 'vendor', name },
      exports: { '.': './dist/index.js', './sandbox': './dist/sandbox.js' },
    },
  });

  it('takes the factory names from giftwire.name when it re-cases the package name', () => {
    assert.deepEqual(checkConventions(workspace(brandFiles, branded('AcMe'))), []);
  });

  it('still asks for the derived names without giftwire.name', () => {
    const found = checkConventions(workspace(brandFiles)).join('\n');
    assert.match(found, /does not export createAcme/);
    assert.match(found, /does not export startAcmeSandbox/);
  });

  it('refuses a giftwire.name that is not the package name', () => {
    const found = checkConventions(workspace(brandFiles, branded('Bamboo'))).join('\n');
    assert.match(found, /giftwire\.name "Bamboo" must spell the package name \(Acme\)/);
    assert.match(found, /does not export createAcme/);
  });
});

describe('the command', () => {
  it('exits 1 listing each violation, 0 when there is none', () => {
    const bad = workspace({ 'packages/core/src/BadName.ts': "import '@giftwire/engine';\n" });
    const failed = spawnSync(process.execPath, [SCRIPT, bad], { encoding: 'utf8' });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /2 convention violation\(s\)/);
    const passed = spawnSync(process.execPath, [SCRIPT, workspace()], { encoding: 'utf8' });
    assert.equal(passed.status, 0, passed.stderr);
    assert.match(passed.stdout, /conventions: ok/);
  });
});
