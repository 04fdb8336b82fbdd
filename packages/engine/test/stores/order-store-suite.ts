import { randomUUID } from 'node:crypto';
import { ValidationError } from '@giftwire/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptLogEntry, FulfillmentState, OrderRecord, WebhookRecord } from '../../src/order-record';
import type { OrderStore } from '../../src/store/order-store';
import { SETTLE_SAMPLES_KEPT, type SettleSample } from '../../src/store/settle-sample';

/** One store under test, not yet `init()`ed. */
export interface OrderStoreHarness {
  store: OrderStore;
  /** The data was migrated by an earlier store over it (a restart), so `store` works even before its init(). */
  migrated?: boolean;
  /** Closes `store` and opens a new store over the same data, as a restarted process would. */
  reopen?(): Promise<OrderStore>;
  /** Opens another store over the same data, used alongside `store`, as a second process would. */
  openSibling?(): Promise<OrderStore>;
  /** Closes every store it opened and removes the data. */
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A valid record with a fresh reference; `overrides` must not hold explicit `undefined`s. */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  const reference = overrides.reference ?? randomUUID();
  return {
    reference,
    vendor: 'bamboo',
    state: 'accepted',
    status: 'pending',
    request: {
      reference,
      lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10.00', currency: 'USD' } }],
    },
    requestHash: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
    placeAttempts: 0,
    pollCount: 0,
    createdAt: iso(T0),
    updatedAt: iso(T0),
    version: 1,
    ...overrides,
  };
}

export function attemptFor(
  record: OrderRecord,
  toState: FulfillmentState = record.state,
  overrides: Partial<AttemptLogEntry> = {},
): AttemptLogEntry {
  return {
    reference: record.reference,
    at: record.updatedAt,
    action: 'submit',
    fromState: null,
    toState,
    outcome: 'ok',
    ...overrides,
  };
}

/** Every field set, with JSON that is easy to get wrong: unicode, escapes, nested arrays, nulls, fractions. */
function fullRecord(): OrderRecord {
  const reference = randomUUID();
  return orderRecord({
    reference,
    state: 'placed',
    status: 'partially_fulfilled',
    request: {
      reference,
      lines: [
        { productId: '439685', quantity: 2, faceValue: { amount: '10.00', currency: 'USD' } },
        { productId: 'ü-ß-😀', quantity: 1, faceValue: { amount: '18.9401', currency: 'EUR' } },
      ],
      recipient: { email: 'zoe@example.com', name: 'Zoë "Z" O\'Brien \\ 東京' },
    },
    shopOrderId: 'shop-1001',
    customerId: 'cus_ü✓😀',
    vendorOrderId: 'BAM-77',
    sealedOrder: {
      vendor: 'bamboo',
      status: 'partially_fulfilled',
      lines: [
        {
          vouchers: [
            { code: { kid: 'k1', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' }, status: 'issued' },
            { status: 'failed', serial: null },
          ],
        },
      ],
      charged: { amount: '18.9401', currency: 'USD' },
      nested: [[1, 2.5, -0.125], [], [true, false, null]],
      text: 'line\nbreak\ttab "quoted" back\\slash',
      empty: {},
    },
    attention: { reason: 'deadline_exceeded', message: 'still processing after 24 h', at: iso(T0 + 5) },
    placeAttempts: 2,
    pollCount: 17,
    nextActionAt: T0 + 60_000,
    deadlineAt: T0 + 86_400_000,
    cancelRequested: true,
    createdAt: iso(T0 + 1),
    updatedAt: iso(T0 + 2),
    version: 7,
  });
}

function webhook(vendor: string, id: string): WebhookRecord {
  return {
    vendor,
    id,
    reference: randomUUID(),
    known: true,
    receivedAt: iso(T0),
    event: { vendor, id, type: 'order.delivered', verifiedBy: 'signature', receivedAt: iso(T0) },
  };
}

function settleSample(overrides: Partial<SettleSample> = {}): SettleSample {
  return {
    vendor: 'bamboo',
    productId: '439685',
    openMs: 1_000,
    settledMs: 4_000,
    recordedAt: iso(T0),
    ...overrides,
  };
}

/** Exactly one fulfilled promise from `n` concurrent calls of `fn`. */
async function concurrently<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
}

/**
 * The behaviour every `OrderStore` must show. `factory` makes a fresh, empty store per test; stores whose
 * harness can reopen or open a sibling also run the restart and multi-instance tests (skipped otherwise).
 */
export function describeOrderStore(name: string, factory: () => Promise<OrderStoreHarness>): void {
  describe(name, () => {
    let harness: OrderStoreHarness;
    let store: OrderStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    describe('init', () => {
      it('fails operations before init() on a new database', async (ctx) => {
        if (harness.migrated) return ctx.skip();
        await expect(store.get(randomUUID())).rejects.toThrow();
      });

      it('is idempotent and keeps data', async () => {
        await store.init();
        const record = orderRecord();
        await store.create(record, attemptFor(record));
        await store.init();
        await Promise.all([store.init(), store.init()]);
        expect(await store.get(record.reference)).toStrictEqual(record);
      });

      it('runs concurrently from two instances over one database', async (ctx) => {
        if (!harness.openSibling) return ctx.skip();
        const other = await harness.openSibling();
        await Promise.all([store.init(), other.init(), store.init(), other.init()]);
        const record = orderRecord();
        await store.create(record, attemptFor(record));
        expect(await other.get(record.reference)).toStrictEqual(record);
      });
    });

    describe('behaviour', () => {
      beforeEach(async () => {
        await store.init();
      });

      describe('create', () => {
        it('stores the record and its first attempt', async () => {
          const record = orderRecord();
          const attempt = attemptFor(record);
          expect(await store.create(record, attempt)).toStrictEqual({ created: true, record });
          expect(await store.get(record.reference)).toStrictEqual(record);
          expect(await store.attempts(record.reference)).toStrictEqual([attempt]);
        });

        it('returns the existing record untouched when the reference is taken', async () => {
          const first = orderRecord();
          await store.create(first, attemptFor(first));
          const second = orderRecord({ reference: first.reference, vendor: 'starship', customerId: 'c2' });
          expect(
            await store.create(second, attemptFor(second, 'accepted', { action: 'retry' })),
          ).toStrictEqual({
            created: false,
            record: first,
          });
          expect(await store.get(first.reference)).toStrictEqual(first);
          expect(await store.attempts(first.reference)).toHaveLength(1);
        });

        it('creates exactly once under concurrent creates of one reference', async () => {
          const reference = randomUUID();
          const results = await concurrently(12, (i) => {
            const record = orderRecord({ reference, vendor: `vendor-${i}` });
            return store.create(record, attemptFor(record));
          });
          const winners = results.filter((r) => r.created);
          expect(winners).toHaveLength(1);
          const stored = await store.get(reference);
          for (const result of results) expect(result.record).toStrictEqual(stored);
          expect(await store.attempts(reference)).toHaveLength(1);
        });

        it('creates exactly once under concurrent creates from two instances', async (ctx) => {
          if (!harness.openSibling) return ctx.skip();
          const other = await harness.openSibling();
          await other.init();
          const reference = randomUUID();
          const results = await concurrently(12, (i) => {
            const record = orderRecord({ reference, vendor: `vendor-${i}` });
            return (i % 2 === 0 ? store : other).create(record, attemptFor(record));
          });
          expect(results.filter((r) => r.created)).toHaveLength(1);
          expect(await other.attempts(reference)).toHaveLength(1);
        });

        it('refuses an attempt entry of another order, writing nothing', async () => {
          const record = orderRecord();
          const stray = attemptFor(orderRecord());
          await expect(store.create(record, stray)).rejects.toSatisfy((e) => ValidationError.isInstance(e));
          expect(await store.get(record.reference)).toBeUndefined();
        });
      });

      describe('get and round-trips', () => {
        it('returns undefined for an unknown reference', async () => {
          expect(await store.get(randomUUID())).toBeUndefined();
        });

        it('keys references case-insensitively, as vendors compare them', async () => {
          const record = orderRecord();
          const upper = record.reference.toUpperCase();
          await store.create(record, attemptFor(record));
          expect(await store.get(upper)).toStrictEqual(record);
          expect(await store.attempts(upper)).toHaveLength(1);
          const again = orderRecord({ reference: upper, vendor: 'starship' });
          const second = await store.create(again, attemptFor(again));
          expect(second.created).toBe(false);
          expect(second.record).toStrictEqual(record);
        });

        it('round-trips every field through create, get, list and due', async () => {
          const record = fullRecord();
          expect((await store.create(record, attemptFor(record))).record).toStrictEqual(record);
          expect(await store.get(record.reference)).toStrictEqual(record);
          expect((await store.list({ vendor: record.vendor })).records).toStrictEqual([record]);
          expect(await store.due(record.nextActionAt ?? 0, 10)).toStrictEqual([record]);
        });

        it('leaves unset optional fields absent', async () => {
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          const stored = await store.get(record.reference);
          expect(stored).toStrictEqual(record);
          expect(Object.keys(stored ?? {}).sort()).toEqual(Object.keys(record).sort());
          for (const key of [
            'shopOrderId',
            'customerId',
            'vendorOrderId',
            'sealedOrder',
            'attention',
            'nextActionAt',
            'deadlineAt',
            'cancelRequested',
          ]) {
            expect(stored).not.toHaveProperty(key);
          }
        });

        it('keeps JSON null and false apart from absent', async () => {
          const record = orderRecord({ sealedOrder: null, cancelRequested: false });
          await store.create(record, attemptFor(record));
          const stored = await store.get(record.reference);
          expect(stored).toStrictEqual(record);
          expect(stored).toHaveProperty('sealedOrder', null);
          expect(stored).toHaveProperty('cancelRequested', false);
        });

        it('stores timestamps to the millisecond in toISOString() form', async () => {
          const record = orderRecord({
            createdAt: '2030-01-01T01:00:00+01:00',
            updatedAt: '2030-01-01T00:00:00.5Z',
          });
          const { record: created } = await store.create(record, attemptFor(record));
          const expected = {
            ...record,
            createdAt: '2030-01-01T00:00:00.000Z',
            updatedAt: '2030-01-01T00:00:00.500Z',
          };
          expect(created).toStrictEqual(expected);
          expect(await store.get(record.reference)).toStrictEqual(expected);
        });

        it('refuses invalid records alike, writing nothing', async () => {
          const invalid: Partial<OrderRecord>[] = [
            { nextActionAt: T0 + 0.5 },
            { deadlineAt: Number.NaN },
            { state: 'lost' as FulfillmentState },
            { createdAt: 'yesterday' },
            { placeAttempts: -1 },
            { vendor: '' },
            { customerId: 'nul\u0000' },
            { sealedOrder: { big: 1n } },
            { sealedOrder: { text: 'nul \u0000 byte' } },
          ];
          for (const overrides of invalid) {
            const record = orderRecord(overrides);
            await expect(store.create(record, attemptFor(record))).rejects.toSatisfy((e) =>
              ValidationError.isInstance(e),
            );
            expect(await store.get(record.reference)).toBeUndefined();
          }
        });

        it('does not let callers mutate stored state', async () => {
          const record = fullRecord();
          const snapshot = structuredClone(record);
          const { record: created } = await store.create(record, attemptFor(record));
          record.request.lines.push({
            productId: 'x',
            quantity: 9,
            faceValue: { amount: '1', currency: 'USD' },
          });
          (record.sealedOrder as { vendor: string }).vendor = 'mutated';
          created.request.lines.length = 0;
          const got = await store.get(record.reference);
          if (got?.attention) got.attention.reason = 'mutated';
          expect(await store.get(record.reference)).toStrictEqual(snapshot);
          const [attempt] = await store.attempts(record.reference);
          if (attempt) attempt.toState = 'settled';
          expect((await store.attempts(record.reference))[0]?.toState).toBe(snapshot.state);
        });
      });

      describe('transition', () => {
        it('writes next at expectedVersion + 1 and appends the attempt', async () => {
          const record = orderRecord({ nextActionAt: T0 });
          await store.create(record, attemptFor(record));
          const { nextActionAt: _dropped, ...rest } = record;
          const next: OrderRecord = {
            ...rest,
            state: 'placed',
            status: 'processing',
            vendorOrderId: 'V-1',
            placeAttempts: 1,
            deadlineAt: T0 + 1000,
            updatedAt: iso(T0 + 10),
          };
          const attempt = attemptFor(next, 'placed', {
            action: 'place',
            fromState: 'accepted',
            detail: { vendorStatus: 'Processing', cards: 2 },
          });
          const written = await store.transition(next, record.version, attempt);
          const expected = { ...next, version: record.version + 1 };
          expect(written).toStrictEqual(expected);
          expect(await store.get(record.reference)).toStrictEqual(expected);
          expect(await store.attempts(record.reference)).toStrictEqual([attemptFor(record), attempt]);
          expect(written).not.toHaveProperty('nextActionAt');
        });

        it('writes nothing on a stale version', async () => {
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          const first = { ...record, state: 'placing' as const };
          expect(await store.transition(first, record.version, attemptFor(first))).toBeDefined();
          const stale = { ...record, state: 'needs_attention' as const, customerId: 'late' };
          expect(await store.transition(stale, record.version, attemptFor(stale))).toBeUndefined();
          expect(await store.get(record.reference)).toStrictEqual({ ...first, version: record.version + 1 });
          expect(await store.attempts(record.reference)).toHaveLength(2);
        });

        it('returns undefined for an unknown reference and appends nothing', async () => {
          const record = orderRecord();
          expect(await store.transition(record, 1, attemptFor(record))).toBeUndefined();
          expect(await store.get(record.reference)).toBeUndefined();
          expect(await store.attempts(record.reference)).toStrictEqual([]);
        });

        it('lets exactly one of concurrent transitions on one version win', async () => {
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          const results = await concurrently(12, (i) => {
            const next = { ...record, pollCount: i + 1 };
            return store.transition(next, record.version, attemptFor(next, 'accepted', { action: 'poll' }));
          });
          const winners = results.filter((r) => r !== undefined);
          expect(winners).toHaveLength(1);
          expect(await store.get(record.reference)).toStrictEqual(winners[0]);
          expect(await store.attempts(record.reference)).toHaveLength(2);
        });

        it('lets exactly one of concurrent transitions from two instances win', async (ctx) => {
          if (!harness.openSibling) return ctx.skip();
          const other = await harness.openSibling();
          await other.init();
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          const results = await concurrently(12, (i) => {
            const next = { ...record, pollCount: i + 1 };
            return (i % 2 === 0 ? store : other).transition(next, record.version, attemptFor(next));
          });
          expect(results.filter((r) => r !== undefined)).toHaveLength(1);
          expect(await store.attempts(record.reference)).toHaveLength(2);
        });

        it('keeps createdAt, the list order', async () => {
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          const next = { ...record, createdAt: iso(T0 + 999_999), updatedAt: iso(T0 + 5) };
          const written = await store.transition(next, record.version, attemptFor(next));
          expect(written?.createdAt).toBe(record.createdAt);
          expect(written?.updatedAt).toBe(next.updatedAt);
        });

        it('refuses an invalid expectedVersion', async () => {
          const record = orderRecord();
          await store.create(record, attemptFor(record));
          await expect(store.transition(record, 1.5, attemptFor(record))).rejects.toSatisfy((e) =>
            ValidationError.isInstance(e),
          );
        });
      });

      describe('attempts', () => {
        it('are oldest first, with null fromState and absent detail kept', async () => {
          let record = orderRecord();
          const log: AttemptLogEntry[] = [attemptFor(record)];
          await store.create(record, log[0] as AttemptLogEntry);
          const steps: FulfillmentState[] = ['placing', 'placed', 'placed', 'settled'];
          for (const [i, state] of steps.entries()) {
            const next = { ...record, state, updatedAt: iso(T0 + i + 1) };
            const attempt = attemptFor(next, state, {
              action: i === 2 ? 'poll' : 'place',
              fromState: record.state,
              outcome: i === 1 ? 'unknown' : 'ok',
              ...(i % 2 === 0 ? { detail: { step: i, vendorStatus: 'Processing' } } : {}),
            });
            const written = await store.transition(next, record.version, attempt);
            if (!written) throw new Error('transition lost');
            record = written;
            log.push(attempt);
          }
          expect(await store.attempts(record.reference)).toStrictEqual(log);
        });

        it('are empty for an unknown reference', async () => {
          expect(await store.attempts(randomUUID())).toStrictEqual([]);
        });
      });

      describe('list', () => {
        /** Creates `n` records of one vendor, several sharing a createdAt so ties need the reference. */
        async function seed(n: number, overrides: (i: number) => Partial<OrderRecord> = () => ({})) {
          const vendor = `v-${randomUUID()}`;
          const records = Array.from({ length: n }, (_, i) =>
            orderRecord({ vendor, createdAt: iso(T0 + Math.floor(i / 3) * 1000), ...overrides(i) }),
          );
          await Promise.all(records.map((r) => store.create(r, attemptFor(r))));
          return { vendor, records };
        }

        const newestFirst = (records: OrderRecord[]) =>
          [...records].sort(
            (a, b) =>
              Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
              (a.reference < b.reference ? 1 : a.reference > b.reference ? -1 : 0),
          );

        it('is newest first, ties broken by reference descending', async () => {
          const { records } = await seed(9);
          const page = await store.list();
          expect(page.records).toStrictEqual(newestFirst(records));
          expect(page.nextCursor).toBeUndefined();
        });

        it('filters by status, state, vendor and customerId', async () => {
          const { vendor, records } = await seed(12, (i) => ({
            status: i % 2 === 0 ? 'pending' : 'fulfilled',
            state: i % 3 === 0 ? 'settled' : 'placed',
            ...(i % 4 === 0 ? { customerId: 'cus_1' } : {}),
          }));
          const other = orderRecord({ vendor: 'elsewhere', customerId: 'cus_1', status: 'fulfilled' });
          await store.create(other, attemptFor(other));
          const expectFilter = async (
            query: Parameters<OrderStore['list']>[0],
            keep: (r: OrderRecord) => boolean,
          ) =>
            expect((await store.list(query)).records).toStrictEqual(
              newestFirst([...records, other].filter(keep)),
            );

          await expectFilter({ vendor }, (r) => r.vendor === vendor);
          await expectFilter({ status: 'fulfilled' }, (r) => r.status === 'fulfilled');
          await expectFilter({ state: 'settled' }, (r) => r.state === 'settled');
          await expectFilter({ customerId: 'cus_1' }, (r) => r.customerId === 'cus_1');
          await expectFilter(
            { vendor, status: 'pending', state: 'settled', customerId: 'cus_1' },
            (r) =>
              r.vendor === vendor &&
              r.status === 'pending' &&
              r.state === 'settled' &&
              r.customerId === 'cus_1',
          );
          expect((await store.list({ vendor: 'nobody' })).records).toStrictEqual([]);
        });

        it('pages with a cursor without duplicates or gaps', async () => {
          const { vendor, records } = await seed(23);
          const pages: OrderRecord[][] = [];
          let cursor: string | undefined;
          do {
            const page = await store.list({ vendor, limit: 5, ...(cursor ? { cursor } : {}) });
            pages.push(page.records);
            cursor = page.nextCursor;
          } while (cursor);
          expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
          expect(pages.flat()).toStrictEqual(newestFirst(records));
        });

        it('gives no cursor after a last page that is exactly full', async () => {
          const { vendor } = await seed(10);
          const first = await store.list({ vendor, limit: 5 });
          expect(first.nextCursor).toBeTypeOf('string');
          const second = await store.list({ vendor, limit: 5, cursor: first.nextCursor });
          expect(second.records).toHaveLength(5);
          expect(second.nextCursor).toBeUndefined();
        });

        it('keeps paging stable when records change between pages', async () => {
          const { vendor, records } = await seed(8);
          const first = await store.list({ vendor, limit: 4 });
          for (const record of first.records) {
            const next = { ...record, status: 'fulfilled' as const, state: 'settled' as const };
            await store.transition(next, record.version, attemptFor(next));
          }
          const second = await store.list({ vendor, limit: 4, cursor: first.nextCursor });
          expect([...first.records, ...second.records].map((r) => r.reference)).toEqual(
            newestFirst(records).map((r) => r.reference),
          );
        });

        it('defaults to 50 per page and caps the page at 500', async () => {
          const { vendor } = await seed(501);
          expect((await store.list({ vendor })).records).toHaveLength(50);
          const capped = await store.list({ vendor, limit: 10_000 });
          expect(capped.records).toHaveLength(500);
          expect(capped.nextCursor).toBeTypeOf('string');
          expect((await store.list({ vendor, limit: 0 })).records).toHaveLength(1);
        });

        it('refuses a malformed cursor', async () => {
          for (const cursor of ['', 'not-a-cursor', Buffer.from('[1,2]').toString('base64url')]) {
            await expect(store.list({ cursor })).rejects.toSatisfy((e) => ValidationError.isInstance(e));
          }
        });
      });

      describe('due', () => {
        it('returns active records due at or before now, soonest first', async () => {
          const now = T0 + 10_000;
          const make = (state: FulfillmentState, at?: number, reference?: string) =>
            orderRecord({
              state,
              ...(at === undefined ? {} : { nextActionAt: at }),
              ...(reference ? { reference } : {}),
            });
          const placed = make('placed', now - 3000);
          const accepted = make('accepted', now - 5000);
          const placing = make('placing', now - 1000);
          const exactlyNow = make('accepted', now);
          const tieA = make('placed', now - 2000, `00000000-0000-4000-8000-${'0'.repeat(11)}1`);
          const tieB = make('placed', now - 2000, `00000000-0000-4000-8000-${'0'.repeat(11)}2`);
          const excluded = [
            make('settled', now - 9000),
            make('needs_attention', now - 9000),
            make('placed', now + 1),
            make('placed'),
          ];
          const all = [placed, accepted, placing, exactlyNow, tieB, tieA, ...excluded];
          await Promise.all(all.map((r) => store.create(r, attemptFor(r))));

          expect(await store.due(now, 100)).toStrictEqual([
            accepted,
            placed,
            tieA,
            tieB,
            placing,
            exactlyNow,
          ]);
          expect(await store.due(now, 2)).toStrictEqual([accepted, placed]);
          expect(await store.due(now + 0.9, 100)).toHaveLength(6);
          expect(await store.due(now, 0)).toStrictEqual([]);
          expect(await store.due(T0, 100)).toStrictEqual([]);
        });

        it('follows transitions out of active states', async () => {
          const record = orderRecord({ state: 'placed', nextActionAt: T0 });
          await store.create(record, attemptFor(record));
          expect(await store.due(T0, 10)).toHaveLength(1);
          const { nextActionAt: _cleared, ...settled } = { ...record, state: 'settled' as const };
          await store.transition(settled, record.version, attemptFor(settled));
          expect(await store.due(T0, 10)).toStrictEqual([]);
        });
      });

      describe('recordWebhook', () => {
        it('keeps a delivery once per (vendor, id)', async () => {
          expect(await store.recordWebhook(webhook('bamboo', 'evt-1'))).toBe(true);
          expect(await store.recordWebhook(webhook('bamboo', 'evt-1'))).toBe(false);
          expect(await store.recordWebhook(webhook('starship', 'evt-1'))).toBe(true);
          expect(await store.recordWebhook(webhook('bamboo', 'evt-2'))).toBe(true);
          const { reference: _none, ...unknown } = { ...webhook('bamboo', 'evt-3'), known: false };
          expect(await store.recordWebhook(unknown)).toBe(true);
        });

        it('keeps exactly one of concurrent duplicate deliveries', async () => {
          const results = await concurrently(8, () => store.recordWebhook(webhook('bamboo', 'evt-dup')));
          expect(results.filter(Boolean)).toHaveLength(1);
        });
      });

      describe('settle samples', () => {
        it('reads back one product newest first, and the whole vendor with multi-line orders', async () => {
          const a1 = settleSample({ settledMs: 1_500 });
          const b1 = settleSample({ productId: 'ü-ß-😀', openMs: 0, settledMs: 0 });
          const multi = settleSample({ productId: undefined, settledMs: 9_000 });
          const { productId: _none, ...multiWithout } = multi;
          const a2 = settleSample({ openMs: 5_000, settledMs: 5_000, recordedAt: iso(T0 + 1) });
          const other = settleSample({ vendor: 'starship', settledMs: 7_000 });
          for (const sample of [a1, b1, multiWithout, a2, other]) await store.recordSettleSample(sample);

          expect(await store.settleSamples({ vendor: 'bamboo', productId: '439685' })).toStrictEqual([
            a2,
            a1,
          ]);
          expect(await store.settleSamples({ vendor: 'bamboo', productId: 'ü-ß-😀' })).toStrictEqual([b1]);
          expect(await store.settleSamples({ vendor: 'bamboo' })).toStrictEqual([a2, multiWithout, b1, a1]);
          expect(await store.settleSamples({ vendor: 'bamboo', limit: 2 })).toStrictEqual([a2, multiWithout]);
          expect(await store.settleSamples({ vendor: 'starship' })).toStrictEqual([other]);
          expect(await store.settleSamples({ vendor: 'gifthub' })).toStrictEqual([]);
        });

        it('keeps only the newest samples of each product and of multi-line orders', async () => {
          const extra = 3;
          for (let i = 0; i < SETTLE_SAMPLES_KEPT + extra; i++) {
            await store.recordSettleSample(settleSample({ openMs: 0, settledMs: i }));
            await store.recordSettleSample({
              ...settleSample({ openMs: 0, settledMs: i }),
              productId: undefined,
            });
          }
          await store.recordSettleSample(settleSample({ productId: 'other', openMs: 0, settledMs: 1 }));
          const kept = await store.settleSamples({ vendor: 'bamboo', productId: '439685', limit: 1_000 });
          expect(kept.map((s) => s.settledMs)).toStrictEqual(
            Array.from({ length: SETTLE_SAMPLES_KEPT }, (_, i) => SETTLE_SAMPLES_KEPT + extra - 1 - i),
          );
          const vendorWide = await store.settleSamples({ vendor: 'bamboo', limit: 1_000 });
          expect(vendorWide).toHaveLength(2 * SETTLE_SAMPLES_KEPT + 1);
          expect(vendorWide.filter((s) => s.productId === undefined)).toHaveLength(SETTLE_SAMPLES_KEPT);
        });

        it('refuses an invalid sample alike, naming the fields, keeping nothing', async () => {
          const bad = [
            settleSample({ vendor: '' }),
            settleSample({ openMs: -1 }),
            settleSample({ settledMs: 1.5 }),
            settleSample({ openMs: 5_000, settledMs: 4_000 }),
            settleSample({ productId: '' }),
            settleSample({ recordedAt: 'yesterday' }),
          ];
          const fields = ['vendor', 'openMs', 'settledMs', 'openMs', 'productId', 'recordedAt'];
          for (const [i, sample] of bad.entries()) {
            await expect(store.recordSettleSample(sample)).rejects.toSatisfy(
              (error: unknown) =>
                ValidationError.isInstance(error) && error.issues.some((issue) => issue.path === fields[i]),
            );
          }
          expect(await store.settleSamples({ vendor: 'bamboo' })).toStrictEqual([]);
        });

        it('shares samples with another instance over the same data', async (ctx) => {
          if (!harness.openSibling) return ctx.skip();
          const other = await harness.openSibling();
          await other.init();
          await other.recordSettleSample(settleSample());
          expect(await store.settleSamples({ vendor: 'bamboo' })).toStrictEqual([settleSample()]);
        });
      });

      it('keeps everything across a restart', async (ctx) => {
        if (!harness.reopen) return ctx.skip();
        const record = fullRecord();
        const attempt = attemptFor(record);
        await store.create(record, attempt);
        const next = { ...record, status: 'fulfilled' as const, updatedAt: iso(T0 + 99) };
        const moved = attemptFor(next, 'placed', { action: 'poll', fromState: 'placed' });
        const written = await store.transition(next, record.version, moved);
        await store.recordWebhook(webhook('bamboo', 'evt-restart'));
        await store.recordSettleSample(settleSample());

        store = await harness.reopen();
        await store.init();
        expect(await store.get(record.reference)).toStrictEqual(written);
        expect(await store.attempts(record.reference)).toStrictEqual([attempt, moved]);
        expect(await store.recordWebhook(webhook('bamboo', 'evt-restart'))).toBe(false);
        expect(await store.settleSamples({ vendor: 'bamboo' })).toStrictEqual([settleSample()]);
        expect((await store.create(record, attempt)).created).toBe(false);
      });
    });
  });
}
