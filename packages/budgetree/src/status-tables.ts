import { type OrderStatus, type StatusTable, statusMapper } from '@giftwire/core';

/**
 * Budgetree's order statuses (budgetree-order-status.txt), as in DESIGN.md's vendor status table. COMPLETE
 * is `fulfilled` only once the activated cards are read: the client asks for them before saying so.
 */
export const BUDGETREE_ORDER_STATUSES: StatusTable<OrderStatus> = {
  pending: ['PENDING'],
  processing: ['PROCESSING'],
  fulfilled: ['COMPLETE'],
  cancelled: ['CANCELED', 'CANCELLED'],
};

export const mapBudgetreeOrderStatus = statusMapper<OrderStatus>(BUDGETREE_ORDER_STATUSES, 'processing');
