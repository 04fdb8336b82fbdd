export { BAMBOO_CAPABILITIES, BAMBOO_LIMITS } from './bamboo-limits';
export { BAMBOO_REASONS, findBambooReason } from './bamboo-reasons';
export { BAMBOO_DEFAULT_BASE_URL, type BambooSettings } from './bamboo-settings';
export {
  type BambooAdapter,
  type BambooCatalogQuery,
  type BambooNotificationSettings,
  createBamboo,
} from './create-bamboo';
export { BAMBOO_VENDOR, mapBambooOrder } from './map-bamboo-order';
export { type BambooOrder, bambooOrderSchema } from './schemas';
export { BAMBOO_CARD_STATUSES, BAMBOO_ORDER_STATUSES } from './status-tables';
