import { describe, expect, it } from 'vitest';
import { FaultQueue } from './fault-queue';

describe('FaultQueue', () => {
  it('hands each request the oldest fault for its operation or for any, as many times as asked', () => {
    const faults = new FaultQueue();
    faults.next({ kind: 'reset' }, { operation: 'getOrder', times: 2 });
    faults.next({ kind: 'drop_response' });
    expect(faults.take('placeOrder')).toEqual({ kind: 'drop_response' });
    expect(faults.take('placeOrder')).toBeUndefined();
    expect(faults.take(undefined)).toBeUndefined();
    expect(faults.take('getOrder')).toEqual({ kind: 'reset' });
    expect(faults.take('getOrder')).toEqual({ kind: 'reset' });
    expect(faults.take('getOrder')).toBeUndefined();
    faults.next({ kind: 'reset' });
    faults.clear();
    expect(faults.take(undefined)).toBeUndefined();
    expect(() => faults.next({ kind: 'reset' }, { times: 0 })).toThrow(RangeError);
  });
});
