import { z } from 'zod';

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

const REFERENCE = z.uuid();

/**
 * Whether `value` can name an order at all: every reference is a UUID (placement refuses anything else). A
 * lookup by anything else — a path segment with a NUL byte, 5,000 characters of junk — names no order, and
 * is answered "not found" without asking a database that might refuse the bytes.
 *
 * @example
 * isReference('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'); // true
 * isReference('\u0000'); // false
 */
export function isReference(value: unknown): value is string {
  return REFERENCE.safeParse(value).success;
}
