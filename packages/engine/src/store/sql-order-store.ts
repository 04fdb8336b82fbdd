import { ACTIVE_STATES } from '../order-record';
import { decodeAttempt, encodeAttempt } from './encode-attempt';
import { decodeOrder, encodeOrder, encodeTransition } from './encode-order';
import { decodeSettleSample, encodeSettleSample, type SettleSampleRow } from './encode-settle-sample';
import { encodeWebhook } from './encode-webhook';
import { decodeListCursor, pageOf } from './list-cursor';
import { applyMigrations } from './migrations';
import type { OrderPage, OrderQuery, OrderStore } from './order-store';
import { dueCutoff, dueLimit, pageLimit, settleSampleLimit } from './page-limit';
import {
  type AttemptRow,
  ORDER_COLUMNS,
  ORDER_JSON_COLUMNS,
  type OrderRow,
  type OrderValues,
} from './row-values';
import { SETTLE_SAMPLES_KEPT } from './settle-sample';
import type { SqlDriver, SqlParam } from './sql-driver';
import { storeTables } from './store-tables';
import { storedReference } from './stored-reference';

export interface SqlOrderStoreOptions {
  /** PostgreSQL schema holding the store's tables (`orders`, `attempts`, `webhooks`, `migrations`). */
  schema?: string;
}

/**
 * The order store over any `SqlDriver`: the same SQL runs on embedded PGlite and on PostgreSQL. Call `init()`
 * once before use. Concurrency is left to the database: create-if-absent is `INSERT … ON CONFLICT DO NOTHING`,
 * and `transition` is a compare-and-set on `version`, each writing its attempt row in the same statement.
 */
export function createSqlOrderStore(driver: SqlDriver, options: SqlOrderStoreOptions = {}): OrderStore {
  const t = storeTables(options.schema);
  // JSON travels as text both ways: bound as text (a jsonb-typed parameter would be JSON-encoded again by
  // PGlite) and selected as text, so JSON null stays distinct from SQL NULL (an absent field).
  const bindAs = (column: string, n: number) =>
    ORDER_JSON_COLUMNS.has(column) ? `$${n}::text::jsonb` : `$${n}`;
  const orderSelect = ORDER_COLUMNS.map((c) => (ORDER_JSON_COLUMNS.has(c) ? `${c}::text AS ${c}` : c)).join(
    ', ',
  );
  const insertOrder = `INSERT INTO ${t.orders} (${ORDER_COLUMNS.join(', ')})
    VALUES (${ORDER_COLUMNS.map((c, i) => bindAs(c, i + 1)).join(', ')})
    ON CONFLICT (reference) DO NOTHING RETURNING ${orderSelect}`;
  const updatedColumns = ORDER_COLUMNS.filter(
    (c) => c !== 'reference' && c !== 'created_at' && c !== 'version',
  );
  const updateOrder = `UPDATE ${t.orders}
    SET ${updatedColumns.map((c, i) => `${c} = ${bindAs(c, i + 3)}`).join(', ')}, version = version + 1
    WHERE reference = $1 AND version = $2 RETURNING ${orderSelect}`;
  const selectOrder = `SELECT ${orderSelect} FROM ${t.orders} WHERE reference = $1`;
  const selectAttempts = `SELECT reference, at, action, from_state, to_state, outcome, detail::text AS detail
    FROM ${t.attempts} WHERE reference = $1 ORDER BY id`;
  // Spelled out rather than bound so the condition matches the partial index `orders_due`.
  const activeStates = ACTIVE_STATES.map((s) => `'${s}'`).join(', ');
  const selectDue = `SELECT ${orderSelect} FROM ${t.orders}
    WHERE state IN (${activeStates}) AND next_action_at IS NOT NULL AND next_action_at <= $1
    ORDER BY next_action_at, reference LIMIT $2`;
  const insertWebhook = `INSERT INTO ${t.webhooks} (vendor, id, reference, known, received_at, event)
    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (vendor, id) DO NOTHING RETURNING 1 AS inserted`;

  // One statement inserts a sample and trims its key's ring. Both parts see the table as it was before the
  // statement, so keeping the KEPT-1 newest old rows leaves KEPT with the new one. Two variants because
  // `IS NOT DISTINCT FROM` cannot use the index.
  const sampleKey = (product: string) => `vendor = $1 AND product_id ${product}`;
  const insertSample = (product: string) => `WITH inserted AS (
      INSERT INTO ${t.settleSamples} (vendor, product_id, open_ms, settled_ms, recorded_at)
      VALUES ($1, $2, $3, $4, $5) RETURNING id
    )
    DELETE FROM ${t.settleSamples} WHERE ${sampleKey(product)} AND id < (
      SELECT id FROM ${t.settleSamples} WHERE ${sampleKey(product)}
      ORDER BY id DESC OFFSET ${SETTLE_SAMPLES_KEPT - 2} LIMIT 1
    )`;
  const insertProductSample = insertSample('= $2::text');
  const insertVendorSample = insertSample('IS NULL AND $2::text IS NULL');
  const sampleColumns = 'vendor, product_id, open_ms, settled_ms, recorded_at';
  const selectProductSamples = `SELECT ${sampleColumns} FROM ${t.settleSamples}
    WHERE vendor = $1 AND product_id = $2 ORDER BY id DESC LIMIT $3`;
  const selectVendorSamples = `SELECT ${sampleColumns} FROM ${t.settleSamples}
    WHERE vendor = $1 ORDER BY id DESC LIMIT $2`;

  // Writing the record and its attempt in ONE statement (data-modifying CTEs are atomic) halves the round
  // trips of the two hottest writes; on PGlite each round trip is synchronous work on the event loop.
  const attemptFrom = (source: string, first: number) => `INSERT INTO ${t.attempts}
      (reference, at, action, from_state, to_state, outcome, detail)
    SELECT reference, $${first}::timestamptz, $${first + 1}::text, $${first + 2}::text, $${first + 3}::text,
      $${first + 4}::text, $${first + 5}::text::jsonb FROM ${source}`;
  const attemptParams = (values: ReturnType<typeof encodeAttempt>): SqlParam[] => [
    values.at,
    values.action,
    values.from_state,
    values.to_state,
    values.outcome,
    values.detail,
  ];
  const createWithAttempt = `WITH inserted AS (${insertOrder}),
    logged AS (${attemptFrom('inserted', ORDER_COLUMNS.length + 1)})
    SELECT * FROM inserted`;
  const transitionWithAttempt = `WITH updated AS (${updateOrder}),
    logged AS (${attemptFrom('updated', updatedColumns.length + 3)})
    SELECT * FROM updated`;

  let closing: Promise<void> | undefined;

  return {
    async init() {
      await applyMigrations(driver, t);
    },

    async create(record, attempt) {
      const values = encodeOrder(record);
      const attemptValues = encodeAttempt(attempt, values.reference);
      const inserted = await driver.query<OrderRow>(createWithAttempt, [
        ...ORDER_COLUMNS.map((c) => values[c]),
        ...attemptParams(attemptValues),
      ]);
      const row = inserted.rows[0];
      if (row) return { created: true, record: decodeOrder(row) };
      // The INSERT did nothing because a committed row holds this reference, so a fresh read sees it.
      const existing = (await driver.query<OrderRow>(selectOrder, [values.reference])).rows[0];
      if (!existing)
        throw new Error(`giftwire store: order ${values.reference} conflicted but cannot be read`);
      return { created: false, record: decodeOrder(existing) };
    },

    async get(reference) {
      const row = (await driver.query<OrderRow>(selectOrder, [storedReference(reference)])).rows[0];
      return row ? decodeOrder(row) : undefined;
    },

    async transition(next, expectedVersion, attempt) {
      const values: OrderValues = encodeTransition(next, expectedVersion);
      const attemptValues = encodeAttempt(attempt, values.reference);
      const params: SqlParam[] = [
        values.reference,
        expectedVersion,
        ...updatedColumns.map((c) => values[c]),
        ...attemptParams(attemptValues),
      ];
      // A concurrent writer holding the row makes this wait, then re-check `version` and match nothing.
      const row = (await driver.query<OrderRow>(transitionWithAttempt, params)).rows[0];
      return row ? decodeOrder(row) : undefined;
    },

    async list(query: OrderQuery = {}): Promise<OrderPage> {
      const limit = pageLimit(query.limit);
      const params: SqlParam[] = [];
      const bind = (value: SqlParam) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [];
      if (query.status !== undefined) where.push(`status = ${bind(query.status)}`);
      if (query.state !== undefined) where.push(`state = ${bind(query.state)}`);
      if (query.vendor !== undefined) where.push(`vendor = ${bind(query.vendor)}`);
      if (query.customerId !== undefined) where.push(`customer_id = ${bind(query.customerId)}`);
      if (query.cursor !== undefined) {
        const after = decodeListCursor(query.cursor);
        where.push(
          `(created_at, reference) < (${bind(after.createdAt)}::timestamptz, ${bind(after.reference)})`,
        );
      }
      // One row more than asked tells whether another page exists without a COUNT.
      const { rows } = await driver.query<OrderRow>(
        `SELECT ${orderSelect} FROM ${t.orders}
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY created_at DESC, reference DESC LIMIT ${bind(limit + 1)}`,
        params,
      );
      return pageOf(rows, limit, decodeOrder);
    },

    async due(now, limit) {
      const cutoff = dueCutoff(now);
      const max = dueLimit(limit);
      if (max === 0) return [];
      return (await driver.query<OrderRow>(selectDue, [cutoff, max])).rows.map(decodeOrder);
    },

    async attempts(reference) {
      return (await driver.query<AttemptRow>(selectAttempts, [storedReference(reference)])).rows.map(
        decodeAttempt,
      );
    },

    async recordWebhook(entry) {
      const v = encodeWebhook(entry);
      const { rows } = await driver.query(insertWebhook, [
        v.vendor,
        v.id,
        v.reference,
        v.known,
        v.received_at,
        v.event,
      ]);
      return rows.length === 1;
    },

    async recordSettleSample(sample) {
      const v = encodeSettleSample(sample);
      await driver.query(v.product_id === null ? insertVendorSample : insertProductSample, [
        v.vendor,
        v.product_id,
        v.open_ms,
        v.settled_ms,
        v.recorded_at,
      ]);
    },

    async settleSamples(query) {
      const limit = settleSampleLimit(query.limit);
      const { rows } =
        query.productId === undefined
          ? await driver.query<SettleSampleRow>(selectVendorSamples, [query.vendor, limit])
          : await driver.query<SettleSampleRow>(selectProductSamples, [query.vendor, query.productId, limit]);
      return rows.map(decodeSettleSample);
    },

    close() {
      closing ??= driver.close();
      return closing;
    },
  };
}
