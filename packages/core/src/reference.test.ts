import { describe, expect, it } from 'vitest';
import { normalizeReference, sameReference } from './reference';

describe('references', () => {
  it('are compared the way vendors compare GUIDs: case-insensitively', () => {
    const ref = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    expect(normalizeReference(ref.toUpperCase())).toBe(ref);
    expect(sameReference(ref, ref.toUpperCase())).toBe(true);
    expect(sameReference(ref, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toBe(false);
  });
});
