import type { VendorAdapter } from '@giftwire/core';
import type { OrderRecord } from '../order-record';
import type { EngineContext } from './engine-context';

/** The adapter an order was submitted to; an order whose vendor was removed from the config is flagged. */
export function vendorOf(ctx: EngineContext, record: OrderRecord): VendorAdapter | undefined {
  return ctx.vendors.get(record.vendor);
}
