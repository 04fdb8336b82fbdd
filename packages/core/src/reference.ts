/**
 * References are UUIDs, and vendors compare them case-insensitively: `A0EE…` and `a0ee…` name the same order
 * at the vendor. giftwire keys every order by the lower-case form, so two spellings can never be two orders
 * here while being one order there (which would let one customer adopt another's vendor order).
 *
 * @example
 * normalizeReference('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'); // 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
 */
export function normalizeReference(reference: string): string {
  return reference.toLowerCase();
}

/** Whether two references name the same order, as a vendor compares them. */
export function sameReference(a: string, b: string): boolean {
  return normalizeReference(a) === normalizeReference(b);
}
