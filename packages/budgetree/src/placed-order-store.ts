/** The create body as the client sent it: a reversal repeats it, and it says what each line was. */
export interface BudgetreeOrderBody {
  refno: string;
  products: { sku: string; price: string; qty: number; currency: string }[];
  payments: { code: string; amount: string }[];
  deliveryMode: 'API';
  syncOnly: boolean;
}

/**
 * Where the client keeps the create bodies it sent, by refno. A reversal must repeat the original body
 * (10466 otherwise), and Budgetree's status answer does not repeat it. May be async, e.g. a database table.
 */
export interface PlacedOrderStore {
  remember(refno: string, body: BudgetreeOrderBody): void | Promise<void>;
  recall(refno: string): BudgetreeOrderBody | undefined | Promise<BudgetreeOrderBody | undefined>;
}

/**
 * An in-memory store of the last `capacity` bodies (default 10,000): bounded, so a long-running process does
 * not grow without end; an order older than that can no longer be cancelled by this process.
 *
 * @example
 * const budgetree = createBudgetree({ placedOrders: createMemoryPlacedOrderStore(50_000) });
 */
export function createMemoryPlacedOrderStore(capacity = 10_000): PlacedOrderStore {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError('capacity must be a positive integer');
  const bodies = new Map<string, BudgetreeOrderBody>();
  return {
    remember(refno, body) {
      const key = refno.toLowerCase();
      bodies.delete(key);
      bodies.set(key, body);
      // A Map iterates in insertion order: the first key is the oldest.
      while (bodies.size > capacity) bodies.delete(bodies.keys().next().value as string);
    },
    recall: (refno) => bodies.get(refno.toLowerCase()),
  };
}
