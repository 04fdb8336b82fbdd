import type { Product } from '@giftwire/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from '../src/sandbox/index';
import { clientFor } from './client-helpers';

let sandbox: BambooSandbox;
beforeAll(async () => {
  sandbox = await startBambooSandbox();
});
afterAll(() => sandbox.close());

async function all(pages: AsyncIterable<Product[]>): Promise<Product[][]> {
  const seen: Product[][] = [];
  for await (const page of pages) seen.push(page);
  return seen;
}

describe('Bamboo catalog, accounts and notification settings', () => {
  it('lists every product across brand pages', async () => {
    const client = clientFor(sandbox);
    const onePage = (await all(client.listProducts())).flat();
    const paged = await all(client.listProducts({ pageSize: 2 }));
    expect(paged.length).toBeGreaterThan(1);
    expect(paged.flat().map((p) => p.id)).toEqual(onePage.map((p) => p.id));
    const docsProduct = onePage.find((p) => p.id === '439685');
    expect(docsProduct).toMatchObject({
      vendor: 'bamboo',
      currency: 'USD',
      country: 'BH',
      denomination: { type: 'range', min: '5', max: '500' },
      stock: null,
    });
    expect(onePage.find((p) => p.id === '500200')?.denomination).toEqual({ type: 'fixed', values: ['25'] });
    expect(onePage.find((p) => p.id === '500300')?.stock).toBe(0);
  });

  it('passes the filters through', async () => {
    const client = clientFor(sandbox);
    const eur = (await all(client.listProducts({ currency: 'EUR' }))).flat();
    expect(eur.length).toBeGreaterThan(0);
    expect(eur.every((p) => p.currency === 'EUR')).toBe(true);
    const one = (await all(client.listProducts({ productId: '439685' }))).flat();
    expect(one.map((p) => p.id)).toEqual(['439685']);
  });

  it('reads balances as exact money', async () => {
    const balances = await clientFor(sandbox).getBalance();
    expect(balances.find((b) => b.accountId === '555')).toEqual({
      accountId: '555',
      available: { amount: '100000', currency: 'USD' },
      active: true,
      sandbox: true,
    });
    expect(balances.find((b) => b.accountId === '556')?.active).toBe(false);
  });

  it('sets and reads the notification settings', async () => {
    const client = clientFor(sandbox);
    await client.setNotification({
      notificationUrl: 'https://shop.example/hooks/bamboo',
      notificationUrlSandbox: 'https://shop.example/hooks/bamboo-sandbox',
      secretKey: 'k-1',
    });
    expect(await client.getNotification()).toEqual({
      notificationUrl: 'https://shop.example/hooks/bamboo',
      notificationUrlSandbox: 'https://shop.example/hooks/bamboo-sandbox',
      secretKey: 'k-1',
    });
  });
});
