import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BambooSandbox, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { bambooTestSettings } from '../../../../test/support/bamboo-test-settings';
import { PROVIDER_DB } from '../../../../test/support/global-setup';
import { closeEngines, getEngine, registerProvider, registrationIds } from '../../../lib/registrations';
import { resolveProviderOptions } from '../provider-options';
import { vendorFactory } from '../vendor-factory';

const DB_URL = `postgres://${process.env.DB_USERNAME}@${process.env.DB_HOST}:${process.env.DB_PORT}/${PROVIDER_DB}`;

const bambooSettings = bambooTestSettings('http://127.0.0.1:9');
const base = {
  vendor: 'bamboo',
  settings: bambooSettings,
  products: { 'GC-10': { productId: '439685', faceValue: { amount: '10', currency: 'USD' } } },
  encryption: { keys: { k1: randomBytes(32).toString('base64') }, activeKeyId: 'k1' },
  databaseUrl: DB_URL,
};

// A vendor package installed in a shop's project directory only (not reachable from the plugin itself), with
// its factory spelt as a vendor would spell it: createGiftHub.
const projectDir = mkdtempSync(join(tmpdir(), 'giftwire-vendor-lookup-'));
const giftHubDir = join(projectDir, 'node_modules', '@giftwire', 'gifthub');
mkdirSync(giftHubDir, { recursive: true });
writeFileSync(
  join(giftHubDir, 'package.json'),
  JSON.stringify({ name: '@giftwire/gifthub', main: 'index.js' }),
);
writeFileSync(
  join(giftHubDir, 'index.js'),
  `exports.GIFTHUB_LIMITS = {};
exports.createGiftHub = (settings) => {
  if (typeof settings.apiKey !== 'string') throw new Error('apiKey is required');
  return { vendor: 'gifthub', settings };
};`,
);

let sandbox: BambooSandbox | undefined;
afterAll(async () => {
  await closeEngines();
  await sandbox?.close();
  rmSync(projectDir, { recursive: true, force: true });
});

describe('finding the vendor package by name', () => {
  it('uses an installed vendor: bamboo → @giftwire/bamboo createBamboo', () => {
    const options = resolveProviderOptions(base);
    expect(options).toMatchObject({ id: 'bamboo', vendor: 'bamboo', schema: 'giftwire' });
    expect(vendorFactory('bamboo')(bambooSettings).vendor).toBe('bamboo');
  });

  it('stops boot on a vendor that is not installed, naming the package and the command', () => {
    // Every vendor is installed in this workspace, and the test runner's NODE_PATH reaches them all: ask a
    // plain Node process, resolving from a directory that holds none of them, without that NODE_PATH.
    const { NODE_PATH: _runnersPath, ...env } = process.env;
    const script = [
      "const { createRequire } = require('node:module');",
      `const { vendorFactory } = require(${JSON.stringify(join(__dirname, '../vendor-factory.ts'))});`,
      `const elsewhere = createRequire(${JSON.stringify(join(projectDir, 'index.js'))});`,
      `try { vendorFactory('starship', ${JSON.stringify(projectDir)}, elsewhere); } catch (e) { process.stdout.write(e.message); }`,
    ].join('\n');
    const printed = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: __dirname,
      env,
      encoding: 'utf8',
    });
    expect(printed).toBe(
      'giftwire provider option "vendor": "starship" needs the package @giftwire/starship — npm install @giftwire/starship',
    );
  });

  it('lists the known vendors for an unknown name', () => {
    expect(() => resolveProviderOptions({ ...base, vendor: 'acme' })).toThrow(
      /option "vendor": must be one of bamboo, starship, budgetree, gifthub; got "acme"/,
    );
  });

  it("finds a vendor in the app's project directory, and its own factory validates the settings", () => {
    const options = resolveProviderOptions(
      { ...base, vendor: 'gifthub', settings: { apiKey: 'k' } },
      { projectDir },
    );
    expect(options).toMatchObject({ id: 'gifthub', vendor: 'gifthub', settings: { apiKey: 'k' } });
    expect(vendorFactory('gifthub', projectDir)({ apiKey: 'k' })).toMatchObject({ vendor: 'gifthub' });
    expect(() =>
      resolveProviderOptions({ ...base, vendor: 'gifthub', settings: {} }, { projectDir }),
    ).toThrow('giftwire provider option "settings" is invalid for gifthub: apiKey is required');
  });

  it("names the option when bamboo's factory refuses its settings", () => {
    const { clientId: _missing, ...settings } = bambooSettings;
    expect(() => resolveProviderOptions({ ...base, settings })).toThrow(
      /^giftwire provider option "settings" is invalid for bamboo: .*clientId/,
    );
    expect(() => resolveProviderOptions({ ...base, settings: 'x' })).toThrow(
      'giftwire provider option "settings" must be an object',
    );
  });
});

describe('face values go through the money schema', () => {
  const withAmount = (amount: unknown, currency: unknown = 'USD') => ({
    ...base,
    products: { 'GC-X': { productId: '1', faceValue: { amount, currency } } },
  });

  it.each([['0'], ['010'], ['-5'], ['1e3'], ['10.'], [10], [undefined]])('refuses amount %j', (amount) => {
    expect(() => resolveProviderOptions(withAmount(amount))).toThrow(
      /^giftwire provider option "products\.GC-X\.faceValue\.amount" must be/,
    );
  });

  it.each([['usd'], ['US'], [840]])('refuses currency %j', (currency) => {
    expect(() => resolveProviderOptions(withAmount('10', currency))).toThrow(
      /^giftwire provider option "products\.GC-X\.faceValue\.currency" must be an ISO 4217 code/,
    );
  });

  it('accepts decimal strings', () => {
    expect(() => resolveProviderOptions(withAmount('25.50'))).not.toThrow();
    expect(() => resolveProviderOptions(withAmount('0.5', 'EUR'))).not.toThrow();
  });
});

describe('two registrations of one vendor', () => {
  it('keys each by its provider entry id, with its own schema', () => {
    const usd = resolveProviderOptions(base, { entryId: 'bamboo' });
    const eur = resolveProviderOptions(base, { entryId: 'bamboo_eur' });
    expect([usd.id, usd.schema]).toEqual(['bamboo', 'giftwire']);
    expect([eur.id, eur.schema]).toEqual(['bamboo_eur', 'giftwire_bamboo_eur']);
    // `id` may say the same as the entry, or stand in for an entry id the plugin cannot see.
    expect(resolveProviderOptions({ ...base, id: 'bamboo_eur' }).id).toBe('bamboo_eur');
    expect(() => resolveProviderOptions({ ...base, id: 'eur' }, { entryId: 'bamboo_eur' })).toThrow(
      /option "id" must match the provider entry's id "bamboo_eur"/,
    );
    expect(() => resolveProviderOptions({ ...base, id: 'Bamboo EUR' })).toThrow(
      /option "id" must be lower-case/,
    );
  });

  it('refuses two registrations on one set of engine tables', () => {
    registerProvider(
      resolveProviderOptions({ ...base, schema: 'giftwire_lookup_a' }, { entryId: 'shared_a' }),
    );
    expect(() =>
      registerProvider(
        resolveProviderOptions({ ...base, schema: 'giftwire_lookup_a' }, { entryId: 'shared_b' }),
      ),
    ).toThrow(/providers giftwire_shared_a and giftwire_shared_b would share the engine tables/);
    expect(registrationIds()).not.toContain('shared_b');
  });

  it('gives each its own engine: one account never sees the other account’s orders', async () => {
    sandbox = await startBambooSandbox({ scenario: { processingAfterMs: 20, settleAfterMs: 60 } });
    const settings = { ...bambooSettings, baseUrl: sandbox.url };
    // Default schemas (giftwire_two_usd, giftwire_two_eur) in this run's own database.
    for (const id of ['two_usd', 'two_eur']) {
      registerProvider(resolveProviderOptions({ ...base, settings }, { entryId: id }));
    }
    const usd = await getEngine('two_usd');
    const eur = await getEngine('two_eur');
    expect(usd).not.toBe(eur);
    const { order } = await usd.submit({
      vendor: 'bamboo',
      request: {
        reference: randomUUID(),
        lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }],
      },
    });
    expect(await usd.get(order.reference)).toBeDefined();
    expect(await eur.get(order.reference)).toBeUndefined();
    expect((await eur.list({})).orders).toEqual([]);
  });
});

describe('the multi-vendor form', () => {
  const gifthubSettings = { baseUrl: 'http://127.0.0.1:9', apiKey: 'gifthub-key', env: {} };
  const { vendor: _vendor, settings: _settings, ...common } = base;
  const multi = {
    ...common,
    vendors: { bamboo: bambooSettings, gifthub: gifthubSettings },
    products: {
      'GC-10': { vendor: 'bamboo', productId: '439685', faceValue: { amount: '10', currency: 'USD' } },
      'GC-ZALANDO-25': {
        vendor: 'gifthub',
        productId: 'zalando',
        faceValue: { amount: '25', currency: 'EUR' },
      },
    },
  };

  it('serves every vendor from one registration: id digital, schema giftwire, each product with its vendor', () => {
    const options = resolveProviderOptions(multi);
    expect(options).toMatchObject({ id: 'digital', form: 'multi', schema: 'giftwire' });
    expect(Object.keys(options.vendors)).toEqual(['bamboo', 'gifthub']);
    expect(options.vendor).toBeUndefined();
    expect(options.products['GC-ZALANDO-25']!.vendor).toBe('gifthub');
    // Another id gets its own schema, as a second single-vendor account does.
    expect(resolveProviderOptions(multi, { entryId: 'cards' }).schema).toBe('giftwire_cards');
  });

  it('keeps the single-vendor form as shorthand: its products default to its vendor', () => {
    const options = resolveProviderOptions(base);
    expect(options).toMatchObject({ id: 'bamboo', form: 'single', vendor: 'bamboo', schema: 'giftwire' });
    expect(options.vendors).toEqual({ bamboo: bambooSettings });
    expect(options.products['GC-10']!.vendor).toBe('bamboo');
    expect(() =>
      resolveProviderOptions({
        ...base,
        products: { 'GC-10': { ...base.products['GC-10'], vendor: 'gifthub' } },
      }),
    ).toThrow('giftwire provider option "products.GC-10.vendor" must be "bamboo"');
  });

  it.each([
    [{ ...multi, vendor: 'bamboo' }, /^giftwire provider option "vendors" cannot be given with "vendor"/],
    [{ ...multi, settings: bambooSettings }, /^giftwire provider option "vendors" cannot be given with/],
    [common, /^giftwire provider option "vendor" must be a vendor's name \(or give "vendors"/],
    [{ ...multi, vendors: {} }, /^giftwire provider option "vendors" must map at least one vendor/],
    [{ ...multi, vendors: 'bamboo' }, /^giftwire provider option "vendors" must map at least one vendor/],
    [
      { ...multi, vendors: { ...multi.vendors, acme: {} } },
      /^giftwire provider option "vendors\.acme" is not a vendor: use one of bamboo, starship/,
    ],
    [
      { ...multi, vendors: { ...multi.vendors, gifthub: { ...gifthubSettings, apiKey: undefined } } },
      /^giftwire provider option "vendors\.gifthub" is invalid for gifthub: .*apiKey/,
    ],
    [
      { ...multi, vendors: { ...multi.vendors, bamboo: 'x' } },
      /^giftwire provider option "vendors\.bamboo" must be an object/,
    ],
    [
      { ...multi, products: { X: { productId: '1', faceValue: { amount: '10', currency: 'USD' } } } },
      /^giftwire provider option "products\.X\.vendor" must be one of this provider's "vendors" \(bamboo, gifthub\); got null/,
    ],
    [
      {
        ...multi,
        products: { X: { vendor: 'starship', productId: '1', faceValue: { amount: '10', currency: 'USD' } } },
      },
      /^giftwire provider option "products\.X\.vendor" must be one of .*got "starship"/,
    ],
    [
      {
        ...multi,
        products: { X: { vendor: 'bamboo', productId: '1', faceValue: { amount: 10, currency: 'USD' } } },
      },
      /^giftwire provider option "products\.X\.faceValue\.amount"/,
    ],
  ])('refuses %j, naming the field', (options, message) => {
    expect(() => resolveProviderOptions(options)).toThrow(message);
  });

  it('gives the one engine an adapter for every vendor', async () => {
    registerProvider(
      resolveProviderOptions({ ...multi, schema: 'giftwire_multi_lookup' }, { entryId: 'multi' }),
    );
    const engine = await getEngine('multi');
    // The engine names the vendors it has adapters for when asked for one it lacks.
    await expect(engine.handleWebhook('starship', { headers: {}, rawBody: '{}' })).rejects.toThrow(
      /configured: bamboo, gifthub/,
    );
  });
});
