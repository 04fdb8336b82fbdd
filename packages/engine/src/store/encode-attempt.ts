import type { AttemptLogEntry, FulfillmentState } from '../order-record';
import { FieldIssues, OUTCOMES, STATES } from './field-issues';
import { isoTimestamp, parseStoredJson } from './parse-stored-json';
import type { AttemptRow, AttemptValues } from './row-values';
import { storedReference } from './stored-reference';

/** `reference` is the order the attempt belongs to; an entry naming another order is a bug upstream. */
export function encodeAttempt(attempt: AttemptLogEntry, reference: string): AttemptValues {
  const issues = new FieldIssues();
  if (storedReference(attempt.reference) !== storedReference(reference))
    issues.add('reference', 'must be the reference of the order written');
  const values: AttemptValues = {
    reference: storedReference(reference),
    at: issues.timestamp(attempt.at, 'at'),
    action: issues.text(attempt.action, 'action'),
    from_state: attempt.fromState === null ? null : issues.oneOf(attempt.fromState, STATES, 'fromState'),
    to_state: issues.oneOf(attempt.toState, STATES, 'toState'),
    outcome: issues.oneOf(attempt.outcome, OUTCOMES, 'outcome'),
    detail:
      attempt.detail === undefined || attempt.detail === null ? null : issues.json(attempt.detail, 'detail'),
  };
  issues.throwIfAny('attempt log entry');
  return values;
}

export function decodeAttempt(row: AttemptRow): AttemptLogEntry {
  const entry: AttemptLogEntry = {
    reference: row.reference,
    at: isoTimestamp(row.at),
    action: row.action as AttemptLogEntry['action'],
    fromState: row.from_state as FulfillmentState | null,
    toState: row.to_state as FulfillmentState,
    outcome: row.outcome as AttemptLogEntry['outcome'],
  };
  if (row.detail !== null) entry.detail = parseStoredJson(row.detail) as Record<string, unknown>;
  return entry;
}
