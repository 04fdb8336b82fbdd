import { describe, expect, it } from 'vitest';
import { canBeStoredId } from './can-be-stored-id';

describe('canBeStoredId', () => {
  it('refuses an id PostgreSQL cannot hold (a NUL anywhere), and takes any other text', () => {
    expect(canBeStoredId('order_01ABC')).toBe(true);
    expect(canBeStoredId(' ')).toBe(true);
    expect(canBeStoredId('\u0000')).toBe(false);
    expect(canBeStoredId('order_\u0000')).toBe(false);
  });
});
