import { describe, expect, it } from 'vitest';
import { createSandboxOrders } from './create-sandbox-orders';
import { OrderTimeline } from './order-timeline';

describe('OrderTimeline and createSandboxOrders', () => {
  it('applies due steps as a fake clock passes them, with the time each was due', () => {
    let now = 1000;
    const applied: string[] = [];
    const timeline = new OrderTimeline<string>({
      clock: { now: () => now },
      apply: (task, at) => {
        applied.push(`${task}@${at}`);
        if (task === 'settle') timeline.schedule(at + 50, 'release');
      },
    });
    timeline.schedule(1100, 'processing');
    timeline.schedule(1300, 'settle');
    timeline.advance();
    expect(applied).toEqual([]);
    now = 1400;
    timeline.advance();
    expect(applied).toEqual(['processing@1100', 'settle@1300', 'release@1350']);
    expect(timeline.pending).toBe(0);
  });

  it('orders() summarizes, list() and get() give the vendor view, each after `before`', () => {
    const store = new Map([['r1', { id: 1, ref: 'r1', done: false }]]);
    let reads = 0;
    const orders = createSandboxOrders({
      before: () => reads++,
      list: () => [...store.values()],
      get: (ref) => store.get(ref),
      summarize: (o) => ({
        id: String(o.id),
        reference: o.ref,
        status: o.done ? 'done' : 'open',
        final: o.done,
        cardsRequested: 1,
        cardsIssued: 0,
        charged: null,
      }),
    });
    expect(orders()).toEqual([
      {
        id: '1',
        reference: 'r1',
        status: 'open',
        final: false,
        cardsRequested: 1,
        cardsIssued: 0,
        charged: null,
      },
    ]);
    expect(orders.list()).toEqual([{ id: 1, ref: 'r1', done: false }]);
    expect(orders.get('r1')?.id).toBe(1);
    expect(orders.get('r2')).toBeUndefined();
    expect(reads).toBe(4);
  });
});
