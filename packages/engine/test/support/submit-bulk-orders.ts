import { randomUUID } from 'node:crypto';
import { loadTestProductId } from '@giftwire/bamboo/sandbox';
import type { Fulfiller } from '../../src/create-fulfiller';

/**
 * Submits `orders` one-card orders spread over `products` bulk products (see loadTestCatalog) and `customers`
 * customers, as a shop's web process would after a sale; returns their references in order.
 */
export async function submitBulkOrders(
  fulfiller: Pick<Fulfiller, 'submit'>,
  { orders, products, customers }: { orders: number; products: number; customers: number },
): Promise<string[]> {
  const references = Array.from({ length: orders }, () => randomUUID());
  for (const [i, reference] of references.entries()) {
    await fulfiller.submit({
      vendor: 'bamboo',
      request: {
        reference,
        lines: [
          {
            productId: loadTestProductId(i, products),
            quantity: 1,
            faceValue: { amount: '10', currency: 'USD' },
          },
        ],
      },
      customerId: `c${i % customers}`,
    });
  }
  return references;
}

/** Orders not yet settled, read straight from the store's table (the engine may be down or busy). */
export async function countUnsettled(db: {
  query<R>(statement: string): Promise<{ rows: R[] }>;
}): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM giftwire.orders WHERE state <> 'settled'",
  );
  return Number(rows[0]?.n);
}
