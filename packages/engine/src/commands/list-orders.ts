import type { OrderQuery } from '../store/order-store';
import type { FulfillmentOrder } from '../to-fulfillment-order';
import type { CommandContext } from './command-context';

export interface ListQuery {
  status?: OrderQuery['status'];
  state?: OrderQuery['state'];
  vendor?: string;
  customer?: string;
  cursor?: string;
  limit?: number;
}

/** `Fulfiller.list`: one page of orders in their public view, newest first. */
export async function listOrders(
  ctx: CommandContext,
  query: ListQuery = {},
): Promise<{ orders: FulfillmentOrder[]; nextCursor?: string }> {
  await ctx.ready();
  const storeQuery: OrderQuery = {};
  if (query.status) storeQuery.status = query.status;
  if (query.state) storeQuery.state = query.state;
  if (query.vendor) storeQuery.vendor = query.vendor;
  if (query.customer) storeQuery.customerId = query.customer;
  if (query.cursor) storeQuery.cursor = query.cursor;
  if (query.limit) storeQuery.limit = query.limit;
  const page = await ctx.store.list(storeQuery);
  return page.nextCursor
    ? { orders: page.records.map(ctx.view), nextCursor: page.nextCursor }
    : { orders: page.records.map(ctx.view) };
}
