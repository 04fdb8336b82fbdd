import { ValidationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { buildBudgetreeOrderBody } from './build-budgetree-order-body';

const REF = '0b7c2c36-8f4c-4d0f-9d55-2f3e1c1f7a10';

describe('buildBudgetreeOrderBody', () => {
  it('one product per line, decimal strings, one payment of the exact total, async mode', () => {
    const body = buildBudgetreeOrderBody(
      {
        reference: REF,
        lines: [
          { productId: 'A', quantity: 3, faceValue: { amount: '10.10', currency: 'INR' } },
          { productId: 'B', quantity: 1, faceValue: { amount: '0.20', currency: 'INR' } },
        ],
      },
      'svc',
    );
    expect(body).toEqual({
      refno: REF,
      products: [
        { sku: 'A', price: '10.1', qty: 3, currency: 'INR' },
        { sku: 'B', price: '0.2', qty: 1, currency: 'INR' },
      ],
      payments: [{ code: 'svc', amount: '30.5' }],
      deliveryMode: 'API',
      syncOnly: false,
    });
  });

  it('refuses a refno longer than 55 characters and mixed currencies, naming the fields', () => {
    let error: unknown;
    try {
      buildBudgetreeOrderBody(
        {
          reference: 'x'.repeat(56),
          lines: [
            { productId: 'A', quantity: 1, faceValue: { amount: '1', currency: 'INR' } },
            { productId: 'B', quantity: 1, faceValue: { amount: '1', currency: 'USD' } },
          ],
        },
        'svc',
      );
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      'reference',
      'lines.1.faceValue.currency',
    ]);
  });

  it('accepts a refno of exactly 55 characters', () => {
    const body = buildBudgetreeOrderBody(
      {
        reference: 'y'.repeat(55),
        lines: [{ productId: 'A', quantity: 1, faceValue: { amount: '1', currency: 'INR' } }],
      },
      'svc',
    );
    expect(body.refno).toHaveLength(55);
  });
});
