/** A settled order rendered without codes, with its owner so the ownership check still runs on a hit. */
export interface CachedOrder {
  customerId: string | undefined;
  json: string;
}

/**
 * A bounded LRU of rendered SETTLED orders without codes. Settled orders never change, and every uncached
 * read decrypts the sealed vouchers and queries the store. Revealed bodies are never put here.
 */
export class SettledOrderCache {
  readonly #entries = new Map<string, CachedOrder>();
  readonly #max: number;

  constructor(max = 1_000) {
    this.#max = max;
  }

  get(reference: string): CachedOrder | undefined {
    const hit = this.#entries.get(reference);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.#entries.delete(reference);
      this.#entries.set(reference, hit);
    }
    return hit;
  }

  set(reference: string, entry: CachedOrder): void {
    if (this.#max <= 0) return;
    this.#entries.delete(reference);
    this.#entries.set(reference, entry);
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
