import { unfulfilledItems } from './unfulfilled-items';

describe('unfulfilledItems', () => {
  it('counts what live fulfillments cover, once per line however often Query repeats it', () => {
    const order = {
      // One row per order version, as Query returns them.
      items: [
        { id: 'a', quantity: 2 },
        { id: 'b', quantity: 1 },
        { id: 'a', quantity: 2 },
        { id: 'c', quantity: 1 },
      ],
      fulfillments: [
        {
          canceled_at: null,
          items: [
            { line_item_id: 'a', quantity: 1 },
            { line_item_id: 'b', quantity: 1 },
          ],
        },
        // A canceled fulfillment covers nothing: its line is owed again.
        { canceled_at: '2026-12-01T00:00:00Z', items: [{ line_item_id: 'c', quantity: 1 }] },
      ],
    };
    expect(unfulfilledItems(order).map(({ item, quantity }) => [item.id, quantity])).toEqual([
      ['a', 1],
      ['c', 1],
    ]);
  });

  it('gives nothing for a fully fulfilled order', () => {
    expect(
      unfulfilledItems({
        items: [{ id: 'a', quantity: 1 }],
        fulfillments: [{ items: [{ line_item_id: 'a', quantity: 1 }] }],
      }),
    ).toEqual([]);
  });
});
