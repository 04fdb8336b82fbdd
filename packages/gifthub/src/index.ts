export { buildCreateBody, type GiftHubCreateBody } from './build-create-body';
export { classifyGiftHubError, INSUFFICIENT_FUNDS_MESSAGE } from './classify-gifthub-error';
export {
  createGiftHub,
  type GiftHubAdapter,
  type GiftHubCatalogQuery,
} from './create-gifthub';
export { GIFTHUB_CAPABILITIES, GIFTHUB_LIMITS } from './gifthub-limits';
export {
  type Adjustment,
  GIFTHUB_VENDOR,
  type GiftHubExchangeRate,
  type GiftHubOrderView,
  type GiftHubReconciliation,
  mapGiftHubOrder,
} from './map-gifthub-order';
export { mapGiftHubProduct } from './map-gifthub-product';
export {
  GIFTHUB_DEFAULT_BASE_URL,
  GIFTHUB_DEFAULT_ROUTES,
  type GiftHubRoutes,
  type GiftHubSettings,
} from './resolve-gifthub-settings';
export { type GiftHubOrder, giftHubOrderEnvelopeSchema, giftHubOrderSchema } from './schemas';
export { GIFTHUB_ORDER_STATES } from './status-tables';
export { type GiftHubTimestamp, timestampToIso } from './timestamp-to-iso';
