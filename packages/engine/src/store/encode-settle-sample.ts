import { FieldIssues, INT4_MAX } from './field-issues';
import { isoTimestamp } from './parse-stored-json';
import type { DbTimestamp } from './row-values';
import type { SettleSample } from './settle-sample';

export interface SettleSampleValues {
  vendor: string;
  product_id: string | null;
  open_ms: number;
  settled_ms: number;
  recorded_at: string;
}

/** Checks a sample as every store does, naming each bad field; `openMs` may not come after `settledMs`. */
export function encodeSettleSample(sample: SettleSample): SettleSampleValues {
  const issues = new FieldIssues();
  const values: SettleSampleValues = {
    vendor: issues.text(sample.vendor, 'vendor'),
    product_id: issues.optionalText(sample.productId, 'productId'),
    open_ms: issues.integer(sample.openMs, 'openMs', 0, INT4_MAX),
    settled_ms: issues.integer(sample.settledMs, 'settledMs', 0, INT4_MAX),
    recorded_at: issues.timestamp(sample.recordedAt, 'recordedAt'),
  };
  if (issues.list.length === 0 && values.open_ms > values.settled_ms) {
    issues.add('openMs', 'must not be after settledMs');
  }
  issues.throwIfAny('settle sample');
  return values;
}

/** A row as the drivers return it: `pg` gives int8 as text and timestamptz as a Date. */
export type SettleSampleRow = Omit<SettleSampleValues, 'open_ms' | 'settled_ms' | 'recorded_at'> & {
  open_ms: number | string;
  settled_ms: number | string;
  recorded_at: DbTimestamp;
};

export function decodeSettleSample(row: SettleSampleRow): SettleSample {
  const sample: SettleSample = {
    vendor: row.vendor,
    openMs: Number(row.open_ms),
    settledMs: Number(row.settled_ms),
    recordedAt: isoTimestamp(row.recorded_at),
  };
  if (row.product_id !== null) sample.productId = row.product_id;
  return sample;
}
