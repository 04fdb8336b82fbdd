import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StarshipSandbox, sandboxCatalog, sandboxProductIds } from '../src/sandbox/index';
import { clientFor, startSandbox } from './client-helpers';

let sandbox: StarshipSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('listProducts over the header-paginated products endpoint', () => {
  it('pages through everything once, following X-Has-More', async () => {
    const pages: string[][] = [];
    const before = sandbox.calls('listProducts');
    for await (const page of clientFor(sandbox).listProducts({ pageSize: 3 }))
      pages.push(page.map((p) => p.id));
    expect(pages).toEqual([
      sandboxCatalog.slice(0, 3).map((p) => String(p.id)),
      sandboxCatalog.slice(3).map((p) => String(p.id)),
    ]);
    expect(sandbox.calls('listProducts') - before).toBe(2);
  });

  it('maps a product: fixed denominations, currency, country', async () => {
    const found = [];
    for await (const page of clientFor(sandbox).listProducts({
      productId: String(sandboxProductIds.delayedClaim),
    }))
      found.push(...page);
    expect(found).toEqual([
      {
        vendor: 'starship',
        id: '1003',
        name: 'Sandbox Claim Link Card',
        brand: 'Other Brand',
        currency: 'USD',
        country: 'GB',
        denomination: { type: 'fixed', values: ['5', '20'] },
        stock: null,
      },
    ]);
  });
});
