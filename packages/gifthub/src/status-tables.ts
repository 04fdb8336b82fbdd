import { type OrderStatus, type StatusTable, statusMapper } from '@giftwire/core';

/** GiftHub's order states (gifthub-retrieve-order.txt), exactly DESIGN.md's vendor status table. */
export const GIFTHUB_ORDER_STATES: StatusTable<OrderStatus> = {
  pending: ['created', 'confirmed'],
  processing: ['processing'],
  fulfilled: ['successful'],
  partially_fulfilled: ['partial'],
  failed: ['failed', 'rejected'],
};

export const mapGiftHubState = statusMapper<OrderStatus>(GIFTHUB_ORDER_STATES, 'processing');
