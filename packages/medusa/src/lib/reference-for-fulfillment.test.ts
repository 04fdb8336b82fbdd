import type { FulfillmentOrder } from '@giftwire/engine';
import { describe, expect, it } from 'vitest';
import { fulfillmentReference, orderLinesReference } from './fulfillment-reference';
import { referenceForFulfillment } from './reference-for-fulfillment';

/** An engine holding `orders` by reference: all referenceForFulfillment reads of it. */
const engineWith = (orders: Record<string, Partial<FulfillmentOrder>>) => ({
  get: async (reference: string) => orders[reference] as FulfillmentOrder | undefined,
});

const order = { id: 'order_1' };
const items = [{ line_item_id: 'ordli_1', quantity: 2 }];
const lines = [{ lineItemId: 'ordli_1', quantity: 2 }];

describe('referenceForFulfillment', () => {
  it('gives a fulfillment made again for the same order and lines the same reference', async () => {
    // Found by the proof suite through Medusa: SIGKILLed while the vendor held its placement answer, the
    // fulfillment workflow died; the sync job made a new fulfillment, whose id gave a new reference, and the
    // vendor was paid twice for one card.
    const first = orderLinesReference('order_1', lines, 0);
    const inFlight = engineWith({ [first]: { state: 'placed', status: 'processing' } });
    expect(await referenceForFulfillment(inFlight, order, items, 'ful_1')).toBe(first);
    expect(await referenceForFulfillment(inFlight, order, items, 'ful_2')).toBe(first);
  });

  it('passes over attempts the vendor closed without cards, so fulfilling again is a new order', async () => {
    const engine = engineWith({
      [orderLinesReference('order_1', lines, 0)]: { state: 'settled', status: 'cancelled' },
      [orderLinesReference('order_1', lines, 1)]: { state: 'settled', status: 'failed' },
    });
    expect(await referenceForFulfillment(engine, order, items, 'ful_3')).toBe(
      orderLinesReference('order_1', lines, 2),
    );
  });

  it('keeps an attempt that delivered or needs a person, never ordering those lines twice', async () => {
    for (const found of [
      { state: 'settled', status: 'fulfilled' },
      { state: 'settled', status: 'partially_fulfilled' },
      { state: 'needs_attention', status: 'processing' },
    ] as const) {
      const first = orderLinesReference('order_1', lines, 0);
      expect(await referenceForFulfillment(engineWith({ [first]: found }), order, items, 'ful_4')).toBe(
        first,
      );
    }
  });

  it('falls back to the fulfillment id without an order or line ids', async () => {
    const engine = engineWith({});
    expect(await referenceForFulfillment(engine, undefined, items, 'ful_5')).toBe(
      fulfillmentReference('ful_5'),
    );
    expect(await referenceForFulfillment(engine, order, [{ quantity: 1 }], 'ful_5')).toBe(
      fulfillmentReference('ful_5'),
    );
  });
});
