import { readFileSync } from 'node:fs';
import { type Product, ValidationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { buildBambooOrderBody } from './build-bamboo-order-body';
import { serializeBambooOrderBody } from './serialize-bamboo-order-body';

const documented = JSON.parse(
  readFileSync(new URL('./__fixtures__/place-order-request.json', import.meta.url), 'utf8'),
);
const request = {
  reference: '97018cf7-98f5-40fc-a142-711d43a72e17',
  lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
};
const catalog = new Map<string, Product>([
  [
    '439685',
    {
      vendor: 'bamboo',
      id: '439685',
      name: 'Card',
      brand: 'Brand',
      currency: 'USD',
      denomination: { type: 'range', min: '5', max: '500' },
      stock: null,
    },
  ],
  [
    '500200',
    {
      vendor: 'bamboo',
      id: '500200',
      name: 'Fixed',
      brand: 'Brand',
      currency: 'USD',
      denomination: { type: 'fixed', values: ['25'] },
      stock: null,
    },
  ],
]);

function pathsOf(input: unknown): string[] {
  try {
    buildBambooOrderBody(input, 555, catalog);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues.map((i) => i.path);
    throw error;
  }
  return [];
}

describe('buildBambooOrderBody', () => {
  it('builds exactly the documented request body', () => {
    const { body } = buildBambooOrderBody(request, 555, catalog);
    expect(JSON.parse(serializeBambooOrderBody(body))).toEqual(documented);
  });

  it('rejects more than 500 cards in total', () => {
    const line = { productId: '439685', faceValue: { amount: '10', currency: 'USD' } };
    expect(
      pathsOf({
        ...request,
        lines: [
          { ...line, quantity: 300 },
          { ...line, quantity: 201 },
        ],
      }),
    ).toEqual(['lines']);
    expect(
      pathsOf({
        ...request,
        lines: [
          { ...line, quantity: 250 },
          { ...line, quantity: 250 },
        ],
      }),
    ).toEqual([]);
  });

  it('rejects no products, a non-GUID RequestId and bad quantities', () => {
    expect(pathsOf({ ...request, lines: [] })).toEqual(['lines']);
    expect(pathsOf({ ...request, reference: 'order-1' })).toEqual(['reference']);
    expect(pathsOf({ ...request, lines: [{ ...request.lines[0], quantity: 1.5 }] })).toEqual([
      'lines.0.quantity',
    ]);
    expect(pathsOf({ ...request, lines: [{ ...request.lines[0], quantity: -1 }] })).toEqual([
      'lines.0.quantity',
    ]);
    expect(pathsOf({ ...request, lines: [{ ...request.lines[0], productId: 'abc' }] })).toEqual([
      'lines.0.productId',
    ]);
  });

  it('checks values against the catalog range when the product is known', () => {
    const at = (amount: string, productId = '439685') => ({
      ...request,
      lines: [{ productId, quantity: 1, faceValue: { amount, currency: 'USD' } }],
    });
    expect(pathsOf(at('4.99'))).toEqual(['lines.0.faceValue.amount']);
    expect(pathsOf(at('500.01'))).toEqual(['lines.0.faceValue.amount']);
    expect(pathsOf(at('5'))).toEqual([]);
    expect(pathsOf(at('500'))).toEqual([]);
    expect(pathsOf(at('30', '500200'))).toEqual(['lines.0.faceValue.amount']);
    expect(pathsOf(at('25', '500200'))).toEqual([]);
    // Unknown to the catalog: never sent unchecked.
    expect(pathsOf(at('10', '777'))).toEqual(['lines.0.productId']);
    expect(
      pathsOf({
        ...at('10'),
        lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'EUR' } }],
      }),
    ).toEqual(['lines.0.faceValue.currency']);
  });

  it('refuses a face value with more precision than the currency has, never rounding it', () => {
    const at = (amount: string, currency = 'USD') => ({
      ...request,
      lines: [{ productId: '439685', quantity: 1, faceValue: { amount, currency } }],
    });
    expect(pathsOf(at('10.000000000000000001'))).toEqual(['lines.0.faceValue.amount']);
    expect(pathsOf(at('10.001'))).toEqual(['lines.0.faceValue.amount']);
    expect(pathsOf(at('10.50'))).toEqual([]);
    expect(pathsOf(at('10.000'))).toEqual([]);
  });

  it('writes each face value into the JSON with exactly its own digits', () => {
    const line = (amount: string) => ({
      productId: '439685',
      quantity: 1,
      faceValue: { amount, currency: 'USD' },
    });
    const { body } = buildBambooOrderBody(
      { ...request, lines: [line('10.50'), line('12.34')] },
      555,
      catalog,
    );
    const text = serializeBambooOrderBody(body);
    expect(text).toContain('"Value":10.5}');
    expect(text).toContain('"Value":12.34}');
    expect(JSON.parse(text).Products.map((p: { Value: number }) => p.Value)).toEqual([10.5, 12.34]);
  });
});
