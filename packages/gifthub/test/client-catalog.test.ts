import type { Product } from '@giftwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mapGiftHubProduct } from '../src/index';
import { type GiftHubSandbox, sandboxCatalog, sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';
import { clientFor } from './client-helpers';

let sandbox: GiftHubSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

async function collect(iterable: AsyncIterable<Product[]>) {
  const pages: Product[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('listProducts over GET /shop/products', () => {
  it('pages with pageToken, one request a page, the page size kept within 5–50', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox);
    const whole = (await collect(client.listProducts({ pageSize: 1_000 }))).flat();
    expect(whole.map((p) => p.id)).toEqual(sandboxCatalog.map((i) => i.productId));
    const before = sandbox.calls('listProducts');
    const paged = await collect(client.listProducts({ pageSize: 1 }));
    expect(paged.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(sandbox.calls('listProducts') - before).toBe(3);
  });

  it('maps fixed and range items, currency and country; an inactive item has no stock', async () => {
    sandbox = await startGiftHubSandbox();
    const products = (await collect(clientFor(sandbox).listProducts())).flat();
    const byId = new Map(products.map((p) => [p.id, p]));
    expect(byId.get(sandboxSkus.adidasDk1000)).toMatchObject({
      vendor: 'gifthub',
      name: 'Adidas DK-1000',
      currency: 'DKK',
      country: 'DK',
      denomination: { type: 'fixed', values: ['1000'] },
      stock: null,
    });
    expect(byId.get(sandboxSkus.zalandoEurRange)?.denomination).toEqual({
      type: 'range',
      min: '5',
      max: '500',
    });
    expect(byId.get(sandboxSkus.inactive)?.stock).toBe(0);
  });

  it('filters by parentId at GiftHub and by currency here', async () => {
    sandbox = await startGiftHubSandbox();
    const client = clientFor(sandbox);
    const adidas = (await collect(client.listProducts({ parentId: 'adidas' }))).flat();
    expect(adidas.map((p) => p.id)).toEqual(['gc035-208-1000', 'gc035-208-500']);
    const usd = (await collect(client.listProducts({ currency: 'usd' }))).flat();
    expect(usd.every((p) => p.currency === 'USD')).toBe(true);
    expect(usd).toHaveLength(2);
  });

  it('skips an item that cannot be sold by face value', () => {
    expect(mapGiftHubProduct({ productId: 'x', name: 'No currency', quote: 5 })).toBeUndefined();
    expect(mapGiftHubProduct({ productId: 'x', name: 'No quote', baseCurrency: 'EUR' })).toBeUndefined();
  });
});
