import { type OrderStatus, type StatusTable, statusMapper } from '@giftwire/core';

/**
 * Starship's order statuses, exactly DESIGN.md's table. Matched case-insensitively: the page's example says
 * `delivered`, its table `DELIVERED`. PARTIALLY_DELIVERED may still converge; `STARSHIP_LIMITS` says so.
 */
export const STARSHIP_ORDER_STATUSES: StatusTable<OrderStatus> = {
  pending: ['PLACED', 'PENDING'],
  processing: ['PROCESSING'],
  fulfilled: ['DELIVERED'],
  partially_fulfilled: ['PARTIALLY_DELIVERED'],
  failed: ['FAILED'],
  cancelled: ['CANCELLED'],
};

export const mapStarshipOrderStatus = statusMapper<OrderStatus>(STARSHIP_ORDER_STATUSES, 'processing');
