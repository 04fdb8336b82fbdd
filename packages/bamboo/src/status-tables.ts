import { type OrderStatus, type StatusTable, statusMapper, type VoucherStatus } from '@giftwire/core';

/** Bamboo's order statuses (bamboo-get-order.txt), as in DESIGN.md's vendor status table. */
export const BAMBOO_ORDER_STATUSES: StatusTable<OrderStatus> = {
  pending: ['Created', 'Pending'],
  processing: ['Processing'],
  fulfilled: ['Succeeded'],
  partially_fulfilled: ['PartialFailed'],
  failed: ['Failed'],
};

/** Card level: a card is released only when `Sold`; `Paused` means "check again later". */
export const BAMBOO_CARD_STATUSES: StatusTable<VoucherStatus> = {
  pending: ['Created', 'Processing', 'Paused'],
  issued: ['Sold'],
  failed: ['Failed'],
};

export const mapBambooOrderStatus = statusMapper<OrderStatus>(BAMBOO_ORDER_STATUSES, 'processing');
export const mapBambooCardStatus = statusMapper<VoucherStatus>(BAMBOO_CARD_STATUSES, 'pending');
