import { describe, expect, it } from 'vitest';
import { fulfillmentReference } from './fulfillment-reference';

describe('fulfillmentReference', () => {
  it('is a stable RFC 9562 version-8 UUID per fulfillment id', () => {
    const a = fulfillmentReference('ful_01');
    expect(a).toBe(fulfillmentReference('ful_01'));
    expect(a).not.toBe(fulfillmentReference('ful_02'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
