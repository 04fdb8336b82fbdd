import type { OrderRecord } from '../order-record';
import type { OrderStore } from './order-store';
import { storedReference } from './stored-reference';

/**
 * Keeps the last stored version of recently used orders in memory, so `get` answers without a query. Only
 * sound where this process is the database's one writer — the embedded store, whose data directory one
 * process opens at a time — because every write then passes through here: `create` and `transition` put
 * what the database returned, a failed or refused write drops the entry. Never wrap a store other
 * processes write to (PostgreSQL): their writes would not pass through, and reads would go stale.
 *
 * A read that raced a write does not fill the cache: each reference counts its writes, and a `get` stores
 * its row only if no write started or finished while it was querying. Callers get copies; nobody holds a
 * reference into the cache.
 *
 * @example
 * const store = cacheRecordsOfSoleWriter(createSqlOrderStore(pgliteDriver(db)), { max: 1_000 });
 */
export function cacheRecordsOfSoleWriter(store: OrderStore, options: { max?: number } = {}): OrderStore {
  const max = options.max ?? 1_000;
  const records = new Map<string, OrderRecord>();
  /**
   * Per reference with a write or a read in flight: writes started plus writes finished (`epoch`), writes and
   * reads in flight. Dropped once nothing is in flight, so it stays as small as the work under way.
   */
  const activity = new Map<string, { epoch: number; writes: number; reads: number }>();
  const track = (key: string) => {
    let entry = activity.get(key);
    if (!entry) {
      entry = { epoch: 0, writes: 0, reads: 0 };
      activity.set(key, entry);
    }
    return entry;
  };
  const untrack = (key: string, entry: { writes: number; reads: number }) => {
    if (entry.writes === 0 && entry.reads === 0) activity.delete(key);
  };

  const remember = (record: OrderRecord) => {
    if (max <= 0) return;
    records.delete(record.reference);
    records.set(record.reference, structuredClone(record));
    // Map keeps insertion order: the first key is the least recently used.
    if (records.size > max) {
      const oldest = records.keys().next().value;
      if (oldest !== undefined) records.delete(oldest);
    }
  };
  const writing = async <T>(
    reference: string,
    write: () => Promise<T>,
    stored: (result: T) => OrderRecord | undefined,
  ): Promise<T> => {
    const key = storedReference(reference);
    const entry = track(key);
    entry.epoch++;
    entry.writes++;
    records.delete(key);
    try {
      const result = await write();
      const record = stored(result);
      // With another write to this order still under way, which of the two lands last is not ours to know.
      if (record && entry.writes === 1) remember(record);
      else records.delete(key);
      return result;
    } finally {
      entry.epoch++;
      entry.writes--;
      untrack(key, entry);
    }
  };

  return {
    ...store,
    async get(reference) {
      const key = storedReference(reference);
      const hit = records.get(key);
      if (hit) {
        records.delete(key);
        records.set(key, hit);
        return structuredClone(hit);
      }
      const entry = track(key);
      const epoch = entry.epoch;
      entry.reads++;
      try {
        const record = await store.get(reference);
        // Only a row no write could have overtaken: none was in flight and none started or ended meanwhile.
        if (record && entry.writes === 0 && entry.epoch === epoch) remember(record);
        return record;
      } finally {
        entry.reads--;
        untrack(key, entry);
      }
    },
    create: (record, attempt) =>
      writing(
        record.reference,
        () => store.create(record, attempt),
        (result) => result.record,
      ),
    transition: (next, expectedVersion, attempt) =>
      writing(
        next.reference,
        () => store.transition(next, expectedVersion, attempt),
        (result) => result,
      ),
    async close() {
      records.clear();
      await store.close();
    },
  };
}
