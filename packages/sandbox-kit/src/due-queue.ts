/**
 * A min-heap of timed tasks. Status transitions are due at fixed offsets from each order's creation; popping
 * only what is due keeps every request O(log n) however many orders are in flight.
 *
 * @example
 * const due = new DueQueue<string>();
 * due.push(300, 'settle');
 * due.popDue(299); // undefined
 * due.popDue(300); // { at: 300, value: 'settle' }
 */
export class DueQueue<T> {
  readonly #heap: { at: number; seq: number; value: T }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, value: T): void {
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest task due at or before `now`, ties in insertion order. */
  popDue(now: number): { at: number; value: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (!top || top.at > now) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.#less(left, smallest)) smallest = left;
        if (right < heap.length && this.#less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.#swap(i, smallest);
        i = smallest;
      }
    }
    return { at: top.at, value: top.value };
  }

  #less(a: number, b: number): boolean {
    const x = this.#heap[a]!;
    const y = this.#heap[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    const tmp = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = tmp;
  }
}
