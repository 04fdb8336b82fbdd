import { describe, expect, it } from 'vitest';
import { type OrderStatus, statusMapper } from './status';
import { claimedStatusOf, WebhookEventSchema } from './webhook-event';

const mapState = statusMapper<OrderStatus>(
  { pending: ['confirmed'], processing: ['processing'], fulfilled: ['successful'] },
  'processing',
);

describe('claimedStatusOf', () => {
  it("maps a word the vendor's table knows", () => {
    expect(claimedStatusOf(mapState, 'CONFIRMED')).toBe('pending');
    expect(claimedStatusOf(mapState, 'successful')).toBe('fulfilled');
  });

  it('claims nothing for a missing or unknown word, so the engine re-fetches', () => {
    // The mapper falls back to `processing` for an unknown word; a claim must not.
    expect(claimedStatusOf(mapState, 'on_hold')).toBeUndefined();
    expect(claimedStatusOf(mapState, undefined)).toBeUndefined();
    expect(claimedStatusOf(mapState, null)).toBeUndefined();
    expect(claimedStatusOf(mapState, '')).toBeUndefined();
  });

  it('is a field of the event schema, and only a normalized status', () => {
    const event = {
      vendor: 'v',
      id: 'e',
      type: 't',
      verifiedBy: 'signature',
      receivedAt: new Date(0).toISOString(),
    };
    expect(WebhookEventSchema.parse({ ...event, claimedStatus: 'pending' }).claimedStatus).toBe('pending');
    expect(WebhookEventSchema.safeParse({ ...event, claimedStatus: 'confirmed' }).success).toBe(false);
  });
});
