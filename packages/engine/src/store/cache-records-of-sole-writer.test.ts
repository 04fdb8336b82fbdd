import { describe, expect, it } from 'vitest';
import { attemptFor, orderRecord } from '../../test/stores/order-store-suite';
import { cacheRecordsOfSoleWriter } from './cache-records-of-sole-writer';
import { createMemoryOrderStore } from './memory-order-store';
import type { OrderStore } from './order-store';

/** A store that counts its reads and can hold one `get` until released, to race it against a write. */
function countingStore() {
  const inner = createMemoryOrderStore();
  let reads = 0;
  let hold: Promise<void> | undefined;
  const store: OrderStore = {
    ...inner,
    async get(reference) {
      reads++;
      const record = await inner.get(reference);
      if (hold) await hold;
      return record;
    },
  };
  return {
    store,
    reads: () => reads,
    holdReads() {
      let release = () => {};
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

describe('cacheRecordsOfSoleWriter', () => {
  it('answers get from its own writes, never with a superseded version', async () => {
    const counting = countingStore();
    const store = cacheRecordsOfSoleWriter(counting.store);
    await store.init();
    const record = orderRecord();
    const { record: stored } = await store.create(record, attemptFor(record));
    expect(await store.get(record.reference.toUpperCase())).toStrictEqual(stored);
    expect(counting.reads()).toBe(0);
    const next = await store.transition({ ...stored, state: 'placed' }, stored.version, attemptFor(stored));
    expect(next?.version).toBe(stored.version + 1);
    const read = await store.get(record.reference);
    expect(read).toStrictEqual(next);
    expect(counting.reads()).toBe(0);
    // Copies: what a caller changes does not reach the cache.
    if (read) read.state = 'settled';
    expect((await store.get(record.reference))?.state).toBe('placed');
  });

  it('does not keep a read that a write overtook', async () => {
    const counting = countingStore();
    const store = cacheRecordsOfSoleWriter(counting.store, { max: 10 });
    await store.init();
    const record = orderRecord();
    const { record: stored } = await counting.store.create(record, attemptFor(record));
    const release = counting.holdReads();
    const staleRead = store.get(record.reference);
    await store.transition({ ...stored, state: 'placed' }, stored.version, attemptFor(stored));
    release();
    expect((await staleRead)?.state).toBe(stored.state);
    expect((await store.get(record.reference))?.state).toBe('placed');
  });

  it('drops an order whose transition was refused', async () => {
    const counting = countingStore();
    const store = cacheRecordsOfSoleWriter(counting.store);
    await store.init();
    const record = orderRecord();
    const { record: stored } = await store.create(record, attemptFor(record));
    expect(
      await store.transition({ ...stored, state: 'placed' }, stored.version + 5, attemptFor(stored)),
    ).toBe(undefined);
    expect(await store.get(record.reference)).toStrictEqual(stored);
    expect(counting.reads()).toBe(1);
  });
});
