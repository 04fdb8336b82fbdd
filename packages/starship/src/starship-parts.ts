/**
 * One Starship order holds one product, so a request of n lines becomes n vendor orders ("parts"). Each part
 * has its own `ref` and `Idempotency-Key`, derived from our reference alone so that every replay of the
 * request sends the same ones:
 *
 * - one line: `ref` is our reference itself, key `giftwire-<reference>`;
 * - n lines: `ref` is `<reference>-<i>of<n>` (1-based), key `giftwire-<ref>`.
 *
 * Letters, digits and hyphens only, so Starship stores them as sent; 45–60 characters, inside the key's
 * 8–256. The joined order's `vendorOrderId` lists the parts' ids in line order, `"a,b,c"`.
 */

export interface StarshipPart {
  /** 0-based line index. */
  index: number;
  count: number;
  ref: string;
  idempotencyKey: string;
}

const KEY_PREFIX = 'giftwire-';

export function starshipPartRef(reference: string, index: number, count: number): string {
  return count === 1 ? reference : `${reference}-${index + 1}of${count}`;
}

/** The parts of a request of `count` lines under `reference` (already lower-cased). */
export function starshipParts(reference: string, count: number): StarshipPart[] {
  return Array.from({ length: count }, (_, index) => {
    const ref = starshipPartRef(reference, index, count);
    return { index, count, ref, idempotencyKey: `${KEY_PREFIX}${ref}` };
  });
}

const PART_SUFFIX = /^(.*)-(\d+)of(\d+)$/i;

/**
 * Reads a Starship `ref` back as our reference and the part it names, case-insensitively (Starship and
 * giftwire both compare references that way). A ref without a part suffix is a one-line order.
 */
export function parseStarshipPartRef(ref: string): { reference: string; index: number; count: number } {
  const lower = ref.trim().toLowerCase();
  const match = PART_SUFFIX.exec(lower);
  if (match) {
    const index = Number(match[2]) - 1;
    const count = Number(match[3]);
    if (count > 1 && index >= 0 && index < count) return { reference: match[1]!, index, count };
  }
  return { reference: lower, index: 0, count: 1 };
}

/** `"a,b,c"` → `[a, b, c]`; each must be a positive whole number (Starship's ids are integers > 0). */
export function splitStarshipOrderIds(vendorOrderId: string): number[] | undefined {
  const ids = vendorOrderId.split(',').map((part) => part.trim());
  if (ids.length === 0 || !ids.every((id) => /^[1-9]\d*$/.test(id))) return undefined;
  const numbers = ids.map(Number);
  return numbers.every(Number.isSafeInteger) ? numbers : undefined;
}

export function joinStarshipOrderIds(ids: readonly number[]): string {
  return ids.join(',');
}
