import { ACTIVE_STATES } from '../order-record';
import { decodeAttempt, encodeAttempt } from './encode-attempt';
import { decodeOrder, encodeOrder, encodeTransition } from './encode-order';
import { decodeSettleSample, encodeSettleSample, type SettleSampleValues } from './encode-settle-sample';
import { encodeWebhook } from './encode-webhook';
import { decodeListCursor, pageOf } from './list-cursor';
import type { OrderStore } from './order-store';
import { dueCutoff, dueLimit, pageLimit, settleSampleLimit } from './page-limit';
import type { AttemptValues, OrderValues, WebhookValues } from './row-values';
import { SETTLE_SAMPLES_KEPT } from './settle-sample';
import { storedReference } from './stored-reference';

/**
 * An order store in this process's memory — FOR TESTS ONLY: nothing survives a restart and nothing is shared
 * between processes. It keeps records in the SQL stores' column encoding, so it accepts, normalizes and refuses
 * exactly what they do, and no caller ever holds a reference into stored state. Like them it must be
 * `init()`ed before use, so code tested against it does not forget to in production.
 *
 * @example
 * const fulfiller = createFulfiller({ vendors: [adapter], store: createMemoryOrderStore(), encryption });
 */
export function createMemoryOrderStore(): OrderStore {
  const orders = new Map<string, OrderValues>();
  const attempts = new Map<string, AttemptValues[]>();
  const webhooks = new Map<string, WebhookValues>();
  /** One ring per (vendor, product), oldest first; `seq` orders samples across rings as the SQL id does. */
  const samples = new Map<string, { seq: number; values: SettleSampleValues }[]>();
  let sampleSeq = 0;
  let initialized = false;
  let closed = false;

  const ready = () => {
    if (closed) throw new Error('giftwire store: the order store is closed');
    if (!initialized) throw new Error('giftwire store: call init() before using the order store');
  };
  const appendAttempt = (values: AttemptValues) => {
    const log = attempts.get(values.reference);
    if (log) log.push(values);
    else attempts.set(values.reference, [values]);
  };
  const active: ReadonlySet<string> = new Set(ACTIVE_STATES);

  return {
    async init() {
      if (closed) throw new Error('giftwire store: the order store is closed');
      initialized = true;
    },

    async create(record, attempt) {
      ready();
      const values = encodeOrder(record);
      const attemptValues = encodeAttempt(attempt, values.reference);
      const existing = orders.get(values.reference);
      if (existing) return { created: false, record: decodeOrder(existing) };
      orders.set(values.reference, values);
      appendAttempt(attemptValues);
      return { created: true, record: decodeOrder(values) };
    },

    async get(reference) {
      ready();
      const values = orders.get(storedReference(reference));
      return values ? decodeOrder(values) : undefined;
    },

    async transition(next, expectedVersion, attempt) {
      ready();
      const values = encodeTransition(next, expectedVersion);
      const attemptValues = encodeAttempt(attempt, values.reference);
      const stored = orders.get(values.reference);
      if (!stored || stored.version !== expectedVersion) return undefined;
      const written: OrderValues = { ...values, created_at: stored.created_at };
      orders.set(values.reference, written);
      appendAttempt(attemptValues);
      return decodeOrder(written);
    },

    async list(query = {}) {
      ready();
      const limit = pageLimit(query.limit);
      const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
      const afterMs = after ? Date.parse(after.createdAt) : 0;
      const matches = [...orders.values()]
        .filter(
          (o) =>
            (query.status === undefined || o.status === query.status) &&
            (query.state === undefined || o.state === query.state) &&
            (query.vendor === undefined || o.vendor === query.vendor) &&
            (query.customerId === undefined || o.customer_id === query.customerId) &&
            (!after || compareNewestFirst(o, Date.parse(o.created_at), afterMs, after.reference) > 0),
        )
        .sort((a, b) =>
          compareNewestFirst(a, Date.parse(a.created_at), Date.parse(b.created_at), b.reference),
        );
      return pageOf(matches, limit, decodeOrder);
    },

    async due(now, limit) {
      ready();
      const cutoff = dueCutoff(now);
      const max = dueLimit(limit);
      return [...orders.values()]
        .filter((o) => active.has(o.state) && o.next_action_at !== null && o.next_action_at <= cutoff)
        .sort(
          (a, b) => (a.next_action_at ?? 0) - (b.next_action_at ?? 0) || compareC(a.reference, b.reference),
        )
        .slice(0, max)
        .map(decodeOrder);
    },

    async attempts(reference) {
      ready();
      return (attempts.get(storedReference(reference)) ?? []).map(decodeAttempt);
    },

    async recordWebhook(entry) {
      ready();
      const values = encodeWebhook(entry);
      const key = JSON.stringify([values.vendor, values.id]);
      if (webhooks.has(key)) return false;
      webhooks.set(key, values);
      return true;
    },

    async recordSettleSample(sample) {
      ready();
      const values = encodeSettleSample(sample);
      const key = JSON.stringify([values.vendor, values.product_id]);
      const ring = samples.get(key) ?? [];
      ring.push({ seq: ++sampleSeq, values });
      if (ring.length > SETTLE_SAMPLES_KEPT) ring.splice(0, ring.length - SETTLE_SAMPLES_KEPT);
      samples.set(key, ring);
    },

    async settleSamples(query) {
      ready();
      const limit = settleSampleLimit(query.limit);
      const matching = [...samples.values()]
        .flat()
        .filter(
          ({ values }) =>
            values.vendor === query.vendor &&
            (query.productId === undefined || values.product_id === query.productId),
        );
      return matching
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map(({ values }) => decodeSettleSample(values));
    },

    async close() {
      closed = true;
    },
  };
}

/** Sort key of `list`: (created_at DESC, reference DESC). Negative when `a` comes first. */
function compareNewestFirst(a: OrderValues, aMs: number, bMs: number, bReference: string): number {
  return bMs - aMs || compareC(bReference, a.reference);
}

/** PostgreSQL's "C" collation (the reference columns use it) orders by UTF-8 bytes, not UTF-16 units as `<` does. */
function compareC(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
