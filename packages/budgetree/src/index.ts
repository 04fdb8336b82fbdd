export { BUDGETREE_CAPABILITIES, BUDGETREE_LIMITS } from './budgetree-limits';
export {
  BUDGETREE_REASONS,
  type BudgetreeReason,
  classifyBudgetreeReason,
  findBudgetreeReason,
} from './budgetree-reasons';
export { BUDGETREE_DEFAULT_BASE_URL, type BudgetreeSettings } from './budgetree-settings';
export {
  budgetreeSignature,
  budgetreeSignatureBase,
  canonicalJson,
  normalizeSignedUrl,
} from './budgetree-signature';
export { buildBudgetreeOrderBody, MAX_REFNO_LENGTH } from './build-budgetree-order-body';
export { BUDGETREE_MAX_CARDS_PAGE, type BudgetreeAdapter, createBudgetree } from './create-budgetree';
export {
  BUDGETREE_VENDOR,
  type BudgetreeCancelWindow,
  type BudgetreeOrder,
  type BudgetreeVoucher,
  type MapBudgetreeOrderOptions,
  mapBudgetreeOrder,
} from './map-budgetree-order';
export {
  type BudgetreeOrderBody,
  createMemoryPlacedOrderStore,
  type PlacedOrderStore,
} from './placed-order-store';
export {
  type BudgetreeCard,
  type BudgetreeCardsPage,
  type BudgetreeCreateResponse,
  type BudgetreeOrderStatus,
  budgetreeCardsPageSchema,
  budgetreeCreateResponseSchema,
  budgetreeErrorSchema,
  budgetreeOrderStatusSchema,
} from './schemas';
export { BUDGETREE_ORDER_STATUSES, mapBudgetreeOrderStatus } from './status-tables';
