import { ORDER_STATUSES, ValidationError, type ValidationIssue } from '@giftwire/core';
import { FULFILLMENT_STATES } from '../order-record';

export const STATES: ReadonlySet<string> = new Set(FULFILLMENT_STATES);
export const STATUSES: ReadonlySet<string> = new Set(ORDER_STATUSES);
export const OUTCOMES: ReadonlySet<string> = new Set(['ok', 'error', 'unknown']);
export const INT4_MAX = 2_147_483_647;
/** 0001-01-01 to 9999-12-31: what both `Date#toISOString()` and PostgreSQL write as a plain ISO date. */
const MIN_TIME = -62_135_596_800_000;
const MAX_TIME = 253_402_300_799_999;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Collects problems so one error names every bad field; values are never echoed (they may be secrets). */
export class FieldIssues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  throwIfAny(subject: string): void {
    if (this.list.length > 0) throw new ValidationError(subject, this.list);
  }

  text(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.add(path, 'must be a non-empty string');
    // PostgreSQL text cannot hold U+0000; refuse it here so every store fails alike.
    else if (value.includes('\u0000')) this.add(path, 'must not contain U+0000');
    return typeof value === 'string' ? value : '';
  }

  optionalText(value: unknown, path: string): string | null {
    return value === undefined ? null : this.text(value, path);
  }

  oneOf(value: unknown, allowed: ReadonlySet<string>, path: string): string {
    if (typeof value !== 'string' || !allowed.has(value))
      this.add(path, `must be one of ${[...allowed].join(', ')}`);
    return String(value);
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `must be an integer from ${min} to ${max}`);
      return 0;
    }
    return value;
  }

  epochMs(value: unknown, path: string): number | null {
    if (value === undefined) return null;
    return this.integer(value, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  timestamp(value: unknown, path: string): string {
    // Date.parse alone is lax (it reads a year out of "CODE-1234"); demand ISO 8601 with a zone first.
    const ms = typeof value === 'string' && ISO_TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
    if (!(ms >= MIN_TIME && ms <= MAX_TIME)) {
      this.add(path, 'must be an ISO 8601 timestamp');
      return new Date(0).toISOString();
    }
    return new Date(ms).toISOString();
  }

  json(value: unknown, path: string): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value) as string | undefined;
    } catch {
      // Cycles and BigInts; the message of the thrown error could quote the value, so it is not passed on.
      text = undefined;
    }
    if (text === undefined) {
      this.add(path, 'must be JSON-serializable');
      return 'null';
    }
    // PostgreSQL's jsonb cannot hold U+0000; refuse it here so every store fails alike.
    if (/(?:^|[^\\])(?:\\\\)*\\u0000/.test(text)) this.add(path, 'must not contain U+0000');
    return text;
  }
}
