import { describe, expect, it } from 'vitest';
import { isFinal, type OrderStatus, statusMapper } from './status';

describe('status helpers', () => {
  it('knows which statuses are final', () => {
    const final: OrderStatus[] = ['fulfilled', 'partially_fulfilled', 'failed', 'cancelled'];
    for (const s of final) expect(isFinal(s)).toBe(true);
    expect(isFinal('pending')).toBe(false);
    expect(isFinal('processing')).toBe(false);
  });

  it('maps a vendor table case-insensitively and keeps unknown words raw', () => {
    const map = statusMapper<OrderStatus>(
      { pending: ['PLACED', 'PENDING'], fulfilled: ['DELIVERED'], cancelled: ['CANCELLED'] },
      'processing',
    );
    expect(map('delivered')).toEqual({ status: 'fulfilled', raw: 'delivered', recognized: true });
    expect(map(' Placed ')).toMatchObject({ status: 'pending', recognized: true });
    expect(map('ON_HOLD')).toEqual({ status: 'processing', raw: 'ON_HOLD', recognized: false });
  });
});
