import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { parsePlaceOrderRequest } from './place-order-request';

const valid = {
  reference: '97018cf7-98f5-40fc-a142-711d43a72e17',
  lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
};

function issuesOf(input: unknown): string[] {
  try {
    parsePlaceOrderRequest(input);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues.map((i) => i.path);
    throw error;
  }
  return [];
}

describe('parsePlaceOrderRequest', () => {
  it('accepts a valid request', () => {
    expect(parsePlaceOrderRequest(valid)).toEqual(valid);
  });

  it('lower-cases the reference: vendors compare references case-insensitively, so giftwire keys them so', () => {
    const upper = { ...valid, reference: valid.reference.toUpperCase() };
    expect(parsePlaceOrderRequest(upper).reference).toBe(valid.reference);
  });

  it('lists every failing field, not just the first', () => {
    const paths = issuesOf({
      reference: 'not-a-uuid',
      lines: [
        { productId: '', quantity: 0, faceValue: { amount: '-1', currency: 'usd' } },
        { productId: 'x', quantity: 1.5, faceValue: { amount: 10, currency: 'USD' } },
      ],
    });
    expect(paths).toEqual(
      expect.arrayContaining([
        'reference',
        'lines.0.productId',
        'lines.0.quantity',
        'lines.0.faceValue.amount',
        'lines.0.faceValue.currency',
        'lines.1.quantity',
        'lines.1.faceValue.amount',
      ]),
    );
  });

  it('reports a malformed amount as a field error, not a crash', () => {
    expect(
      issuesOf({ ...valid, lines: [{ ...valid.lines[0], faceValue: { amount: '1.5.0', currency: 'USD' } }] }),
    ).toEqual(['lines.0.faceValue.amount']);
  });

  it('rejects an empty order, a zero face value and a missing body', () => {
    expect(issuesOf({ ...valid, lines: [] })).toEqual(['lines']);
    expect(
      issuesOf({ ...valid, lines: [{ ...valid.lines[0], faceValue: { amount: '0', currency: 'USD' } }] }),
    ).toEqual(['lines.0.faceValue.amount']);
    expect(issuesOf(undefined)).toEqual(['']);
  });

  it('names the fields in its message without echoing values', () => {
    const secretish = 'SECRET-CODE-123';
    let message = '';
    try {
      parsePlaceOrderRequest({ reference: secretish, lines: [] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('reference: must be a UUID');
    expect(message).toContain('lines: must hold at least one line');
    expect(message).not.toContain(secretish);
  });
});
