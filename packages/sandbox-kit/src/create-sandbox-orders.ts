import type { SandboxOrderSummary, SandboxOrders } from './vendor-sandbox';

export interface SandboxOrdersSource<VendorView> {
  /** The vendor's own view of every order, as of now. */
  list(): VendorView[];
  get(reference: string): VendorView | undefined;
  summarize(order: VendorView): SandboxOrderSummary;
  /** Runs before each read, e.g. to apply due transitions so answers follow the clock. */
  before?(): void;
}

/**
 * Builds a sandbox's `orders`: callable for summaries in shared words, with `list()` and `get()` for the
 * vendor's own view.
 *
 * @example
 * const orders = createSandboxOrders({
 *   list: () => [...store.values()],
 *   get: (ref) => store.get(ref),
 *   summarize: (o) => ({ id: o.id, reference: o.ref, status: o.status, final: o.done, cardsRequested: 1, cardsIssued: o.done ? 1 : 0, charged: null }),
 * });
 * orders(); // SandboxOrderSummary[]
 */
export function createSandboxOrders<VendorView>(
  source: SandboxOrdersSource<VendorView>,
): SandboxOrders<VendorView> {
  const orders = () => {
    source.before?.();
    return source.list().map((order) => source.summarize(order));
  };
  orders.list = () => {
    source.before?.();
    return source.list();
  };
  orders.get = (reference: string) => {
    source.before?.();
    return source.get(reference);
  };
  return orders;
}
