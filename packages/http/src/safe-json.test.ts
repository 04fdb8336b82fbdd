import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from './parse-json-safely';

describe('parseJsonSafely', () => {
  it('parses JSON', () => {
    expect(parseJsonSafely('{"a":[1,"x",null]}')).toEqual({ ok: true, value: { a: [1, 'x', null] } });
    expect(parseJsonSafely('null')).toEqual({ ok: true, value: null });
  });

  it('answers ok: false instead of throwing an error that would quote the text', () => {
    for (const text of ['', '{', '<html>CODE-123</html>', '{"a":1}x'])
      expect(parseJsonSafely(text)).toEqual({ ok: false });
  });
});
