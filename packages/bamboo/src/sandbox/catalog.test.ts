import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandSeed } from './sandbox-catalog';
import { type BambooSandbox, startBambooSandbox } from './start-bamboo-sandbox';
import { call } from './test-support';

interface Page {
  pageIndex: number;
  pageSize: number;
  count: number;
  items: {
    internalId: string;
    name: string;
    products: {
      id: number;
      count: number | null;
      price: { min: number; max: number; currencyCode: string };
    }[];
  }[];
}

const seed: BrandSeed[] = [
  {
    internalId: 'A1',
    name: 'Alpha Games',
    countryCode: 'US',
    currencyCode: 'USD',
    modifiedDate: '2024-01-01T00:00:00.0000000',
    products: [
      { id: 1, name: 'Alpha 10', minFaceValue: 10, maxFaceValue: 10, count: null, currencyCode: 'USD' },
      {
        id: 2,
        name: 'Alpha 5-50',
        minFaceValue: 5,
        maxFaceValue: 50,
        count: 7,
        currencyCode: 'USD',
        modifiedDate: '2024-06-01T00:00:00.0000000',
      },
    ],
  },
  {
    internalId: 'B2',
    name: 'Beta Books',
    countryCode: 'DE',
    currencyCode: 'EUR',
    modifiedDate: '2024-03-01T00:00:00.0000000',
    products: [{ id: 3, name: 'Beta 20', minFaceValue: 20, maxFaceValue: 20, count: 0, currencyCode: 'EUR' }],
  },
  {
    internalId: 'C3',
    name: 'Gamma GAMES',
    countryCode: 'GB',
    currencyCode: 'GBP',
    modifiedDate: '2024-02-01T00:00:00.0000000',
    products: [
      { id: 4, name: 'Gamma 15', minFaceValue: 15, maxFaceValue: 100, count: null, currencyCode: 'GBP' },
    ],
  },
];

let sandbox: BambooSandbox;
beforeAll(async () => {
  sandbox = await startBambooSandbox({ catalog: seed, fxRates: { 'EUR:USD': '1.0851', 'GBP:USD': '1.25' } });
});
afterAll(() => sandbox.close());

async function catalog(query = ''): Promise<Page> {
  const res = await call(sandbox, 'GET', `/api/integration/v2.0/catalog${query}`);
  expect(res.status).toBe(200);
  return res.json as Page;
}

const ids = (page: Page) => page.items.map((b) => b.internalId);

describe('GET catalog', () => {
  it('returns brands in the documented shape with default paging', async () => {
    const page = await catalog();
    expect(page).toMatchObject({ pageIndex: 0, pageSize: 100, count: 3 });
    expect(page.items[0]).toEqual({
      internalId: 'A1',
      name: 'Alpha Games',
      countryCode: 'US',
      currencyCode: 'USD',
      description: expect.any(String),
      redemptionInstructions: expect.any(String),
      terms: expect.any(String),
      logoUrl: null,
      modifiedDate: '2024-01-01T00:00:00.0000000',
      products: [
        {
          id: 1,
          name: 'Alpha 10',
          minFaceValue: 10,
          maxFaceValue: 10,
          count: null,
          price: { min: 10, max: 10, currencyCode: 'USD' },
          modifiedDate: '2024-01-01T00:00:00.0000000',
        },
        expect.objectContaining({ id: 2, count: 7, modifiedDate: '2024-06-01T00:00:00.0000000' }),
      ],
    });
  });

  it('pages by brands, not products', async () => {
    const first = await catalog('?PageSize=2&PageIndex=0');
    expect(first).toMatchObject({ pageIndex: 0, pageSize: 2, count: 3 });
    expect(ids(first)).toEqual(['A1', 'B2']);
    expect(first.items[0]?.products).toHaveLength(2);
    const second = await catalog('?PageSize=2&PageIndex=1');
    expect(ids(second)).toEqual(['C3']);
    expect(second.count).toBe(3);
    expect(ids(await catalog('?PageSize=2&PageIndex=2'))).toEqual([]);
  });

  it('filters by CurrencyCode, CountryCode, BrandId and Name (case-insensitive substring)', async () => {
    expect(ids(await catalog('?CurrencyCode=EUR'))).toEqual(['B2']);
    expect(ids(await catalog('?CountryCode=gb'))).toEqual(['C3']);
    expect(ids(await catalog('?BrandId=A1'))).toEqual(['A1']);
    expect(ids(await catalog('?Name=games'))).toEqual(['A1', 'C3']);
    expect((await catalog('?Name=games&CountryCode=US')).count).toBe(1);
  });

  it('narrows products by ProductId and ModifiedDate', async () => {
    const byProduct = await catalog('?ProductId=2');
    expect(ids(byProduct)).toEqual(['A1']);
    expect(byProduct.items[0]?.products.map((p) => p.id)).toEqual([2]);

    const since = await catalog('?ModifiedDate=2024-02-01');
    expect(ids(since)).toEqual(['A1', 'B2', 'C3']);
    expect(since.items[0]?.products.map((p) => p.id)).toEqual([2]);
    expect(ids(await catalog('?ModifiedDate=2024-04-01T00:00:00'))).toEqual(['A1']);
  });

  it('converts prices with TargetCurrency', async () => {
    const page = await catalog('?TargetCurrency=USD');
    const beta = page.items.find((b) => b.internalId === 'B2')?.products[0];
    expect(beta?.price).toEqual({ min: 21.702, max: 21.702, currencyCode: 'USD' });
    const gamma = page.items.find((b) => b.internalId === 'C3')?.products[0];
    expect(gamma?.price).toEqual({ min: 18.75, max: 125, currencyCode: 'USD' });
  });

  it('accepts query names in any case and rejects bad paging', async () => {
    expect((await catalog('?pagesize=1&pageindex=1')).items.map((b) => b.internalId)).toEqual(['B2']);
    const bad = await call(sandbox, 'GET', '/api/integration/v2.0/catalog?PageSize=0');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ errors: [{ code: 'InvalidRequest' }] });
  });

  it('ships a default catalog with the docs product, EUR, fixed and out-of-stock products', async () => {
    const own = await startBambooSandbox();
    try {
      const page = (await call(own, 'GET', '/api/integration/v2.0/catalog')).json as Page;
      const products = page.items.flatMap((b) => b.products);
      expect(products.find((p) => p.id === 439685)).toMatchObject({ price: { currencyCode: 'USD' } });
      expect(page.items.find((b) => b.products.some((p) => p.id === 439685))).toMatchObject({
        countryCode: 'BH',
      });
      expect(products.some((p) => p.price.currencyCode === 'EUR')).toBe(true);
      expect(products.some((p) => p.count === 0)).toBe(true);
      expect(page.count).toBeGreaterThanOrEqual(4);
    } finally {
      await own.close();
    }
  });
});
