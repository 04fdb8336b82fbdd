import { describe, expect, it } from 'vitest';
import { fulfillmentReference, orderLinesReference } from './fulfillment-reference';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('fulfillmentReference', () => {
  it('is a stable RFC 9562 version-8 UUID per fulfillment id', () => {
    const a = fulfillmentReference('ful_01');
    expect(a).toBe(fulfillmentReference('ful_01'));
    expect(a).not.toBe(fulfillmentReference('ful_02'));
    expect(a).toMatch(UUID_V8);
  });
});

describe('orderLinesReference', () => {
  const lines = [
    { lineItemId: 'ordli_1', quantity: 2 },
    { lineItemId: 'ordli_2', quantity: 1 },
  ];

  it('is one stable UUID per order, lines and attempt, whatever the lines’ order', () => {
    const a = orderLinesReference('order_1', lines, 0);
    expect(a).toMatch(UUID_V8);
    expect(orderLinesReference('order_1', [...lines].reverse(), 0)).toBe(a);
    expect(orderLinesReference('order_2', lines, 0)).not.toBe(a);
    expect(orderLinesReference('order_1', lines, 1)).not.toBe(a);
    expect(orderLinesReference('order_1', [{ lineItemId: 'ordli_1', quantity: 2 }], 0)).not.toBe(a);
    expect(orderLinesReference('order_1', [lines[0]!, { lineItemId: 'ordli_2', quantity: 3 }], 0)).not.toBe(
      a,
    );
  });
});
