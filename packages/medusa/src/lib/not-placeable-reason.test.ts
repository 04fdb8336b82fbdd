import { describe, expect, it } from 'vitest';
import { notPlaceableReason } from './not-placeable-reason';

const collection = (fields: Record<string, unknown>) => ({ amount: 20, ...fields });

describe('notPlaceableReason', () => {
  it('waits for the capture by default, and places once captured in full', () => {
    const authorized = { payment_collections: [collection({ status: 'authorized', authorized_amount: 20 })] };
    expect(notPlaceableReason(authorized)).toBe('not_captured');
    const partly = {
      payment_collections: [collection({ status: 'partially_captured', captured_amount: 5 })],
    };
    expect(notPlaceableReason(partly)).toBe('not_captured');
    const captured = { payment_collections: [collection({ status: 'completed', captured_amount: 20 })] };
    expect(notPlaceableReason(captured)).toBeNull();
  });

  it("places an authorized order with placeOn: 'authorized'", () => {
    const authorized = { payment_collections: [collection({ status: 'authorized', authorized_amount: 20 })] };
    expect(notPlaceableReason(authorized, 'authorized')).toBeNull();
    const awaiting = { payment_collections: [collection({ status: 'awaiting' })] };
    expect(notPlaceableReason(awaiting, 'authorized')).toBe('not_paid');
  });

  it('never places a canceled, refunded or unpaid order', () => {
    const captured = collection({ status: 'completed', captured_amount: 20 });
    expect(notPlaceableReason({ status: 'canceled', payment_collections: [captured] })).toBe('canceled');
    expect(notPlaceableReason({ canceled_at: new Date(), payment_collections: [captured] })).toBe('canceled');
    const refunded = collection({ status: 'completed', captured_amount: 20, refunded_amount: 20 });
    expect(notPlaceableReason({ payment_collections: [refunded] }, 'authorized')).toBe('refunded');
    expect(notPlaceableReason({ payment_collections: [] }, 'authorized')).toBe('not_paid');
    const voided = { payment_collections: [collection({ status: 'canceled', authorized_amount: 20 })] };
    expect(notPlaceableReason(voided, 'authorized')).toBe('not_paid');
  });
});
