import { describe, expect, it } from 'vitest';
import { type BudgetreeOrderBody, createMemoryPlacedOrderStore } from './placed-order-store';

const body = (refno: string): BudgetreeOrderBody => ({
  refno,
  products: [{ sku: 'A', price: '1', qty: 1, currency: 'INR' }],
  payments: [{ code: 'svc', amount: '1' }],
  deliveryMode: 'API',
  syncOnly: false,
});

describe('createMemoryPlacedOrderStore', () => {
  it('keeps the last `capacity` bodies, case-insensitively by refno', () => {
    const store = createMemoryPlacedOrderStore(2);
    store.remember('A', body('A'));
    store.remember('b', body('b'));
    expect(store.recall('a')).toEqual(body('A'));
    store.remember('c', body('c'));
    expect(store.recall('a')).toBeUndefined();
    expect(store.recall('B')).toEqual(body('b'));
    expect(store.recall('c')).toEqual(body('c'));
    expect(() => createMemoryPlacedOrderStore(0)).toThrow(RangeError);
  });

  it('remembering again makes a body the newest', () => {
    const store = createMemoryPlacedOrderStore(2);
    store.remember('a', body('a'));
    store.remember('b', body('b'));
    store.remember('a', body('a'));
    store.remember('c', body('c'));
    expect(store.recall('a')).toBeDefined();
    expect(store.recall('b')).toBeUndefined();
  });
});
