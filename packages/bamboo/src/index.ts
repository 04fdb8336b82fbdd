export { BAMBOO_CAPABILITIES, BAMBOO_LIMITS } from './bamboo-limits';
export { BAMBOO_DEFAULT_BASE_URL, type BambooSettings } from './bamboo-settings';
export {
  type BambooAdapter,
  type BambooCatalogQuery,
  type BambooNotificationSettings,
  createBamboo,
} from './create-bamboo';
export { BAMBOO_VENDOR, mapBambooOrder } from './map-order';
export { BAMBOO_REASONS, findBambooReason } from './reason-codes';
export { type BambooOrder, bambooOrderSchema } from './schemas';
export { BAMBOO_CARD_STATUSES, BAMBOO_ORDER_STATUSES } from './status-tables';
