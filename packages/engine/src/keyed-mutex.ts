/**
 * Serializes work per key inside this process (a scheduler run and a webhook re-fetch of the same order).
 * Across processes the store's compare-and-set does the same job.
 */
export function createKeyedMutex() {
  const tails = new Map<string, Promise<unknown>>();

  async function runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  }

  return {
    runExclusive,
    /** Whether work for `key` is running or queued here. */
    isBusy: (key: string) => tails.has(key),
  };
}
