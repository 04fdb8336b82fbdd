import type { WebhookRecord } from '../order-record';
import { FieldIssues } from './field-issues';
import type { WebhookValues } from './row-values';
import { storedReference } from './stored-reference';

export function encodeWebhook(entry: WebhookRecord): WebhookValues {
  const issues = new FieldIssues();
  const values: WebhookValues = {
    vendor: issues.text(entry.vendor, 'vendor'),
    id: issues.text(entry.id, 'id'),
    reference:
      entry.reference === undefined ? null : storedReference(issues.text(entry.reference, 'reference')),
    known: entry.known === true,
    received_at: issues.timestamp(entry.receivedAt, 'receivedAt'),
    event: issues.json(entry.event, 'event'),
  };
  if (typeof entry.known !== 'boolean') issues.add('known', 'must be a boolean');
  issues.throwIfAny('webhook record');
  return values;
}
