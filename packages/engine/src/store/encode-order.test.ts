import { ValidationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../order-record';
import { decodeOrder, encodeOrder, encodeTransition } from './encode-order';

const record: OrderRecord = {
  reference: '97018cf7-98f5-40fc-a142-711d43a72e17',
  vendor: 'bamboo',
  state: 'accepted',
  status: 'pending',
  request: {
    reference: '97018cf7-98f5-40fc-a142-711d43a72e17',
    lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }],
  },
  requestHash: 'h',
  placeAttempts: 0,
  pollCount: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
};

describe('order row encoding', () => {
  it('round-trips a record and decodes driver types (int8 as string or bigint, timestamptz as Date)', () => {
    expect(decodeOrder(encodeOrder(record))).toStrictEqual(record);
    const values = encodeOrder({ ...record, nextActionAt: 1_893_456_000_000, deadlineAt: 1_893_456_000_001 });
    const fromPg = {
      ...values,
      next_action_at: '1893456000000',
      deadline_at: 1_893_456_000_001n,
      created_at: new Date(values.created_at),
    };
    expect(decodeOrder(fromPg)).toMatchObject({
      nextActionAt: 1_893_456_000_000,
      deadlineAt: 1_893_456_000_001,
    });
  });

  it('names every bad field without echoing values', () => {
    const secretish = 'VOUCHER-CODE-1234';
    try {
      encodeOrder({ ...record, vendor: '', requestHash: 7 as unknown as string, createdAt: secretish });
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      const { issues, message } = error as ValidationError;
      expect(issues.map((i) => i.path)).toEqual(['vendor', 'requestHash', 'createdAt']);
      expect(message).not.toContain(secretish);
    }
  });

  it('writes a transition at expectedVersion + 1 whatever version next carries', () => {
    expect(encodeTransition({ ...record, version: 99 }, 4).version).toBe(5);
    expect(() => encodeTransition(record, -1)).toThrow(ValidationError);
  });
});
