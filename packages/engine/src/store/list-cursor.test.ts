import { ValidationError } from '@giftwire/core';
import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor } from './list-cursor';

describe('list cursor', () => {
  it('round-trips a position as URL-safe text', () => {
    const position = { createdAt: '2030-01-01T00:00:00.000Z', reference: 'ü/+?&=😀' };
    const cursor = encodeListCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor)).toEqual(position);
  });

  it.each([
    '',
    '!!!',
    Buffer.from('{"createdAt":"2030-01-01T00:00:00.000Z"}').toString('base64url'),
    Buffer.from('["yesterday","r"]').toString('base64url'),
    Buffer.from('["2030-01-01T00:00:00.000Z",""]').toString('base64url'),
  ])('refuses %j', (cursor) => {
    expect(() => decodeListCursor(cursor)).toThrow(ValidationError);
  });
});
