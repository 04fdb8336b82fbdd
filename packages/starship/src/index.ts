export {
  createStarship,
  type StarshipAdapter,
} from './create-starship';
export {
  joinStarshipOrders,
  type MapStarshipOrderOptions,
  mapStarshipOrder,
  STARSHIP_VENDOR,
} from './map-starship-order';
export { mapStarshipProduct } from './map-starship-product';
export {
  parseStarshipWebhook,
  STARSHIP_WEBHOOK_EVENTS,
  type StarshipWebhookOptions,
} from './parse-starship-webhook';
export {
  type StarshipOrder,
  type StarshipProduct,
  type StarshipVoucher,
  starshipCreateAnswerSchema,
  starshipOrderListSchema,
  starshipOrderSchema,
  starshipProductListSchema,
  starshipVoucherSchema,
  starshipWebhookSchema,
} from './schemas';
export { type StarshipRequestToSign, signStarshipRequest } from './sign-starship-request';
export {
  STARSHIP_CAPABILITIES,
  STARSHIP_LIMITS,
  STARSHIP_PER_ORDER_LIMIT,
  STARSHIP_TIMINGS,
  type StarshipSpeed,
  type StarshipTiming,
  starshipLimitsFor,
  starshipSpeedOf,
} from './starship-limits';
export {
  joinStarshipOrderIds,
  parseStarshipPartRef,
  type StarshipPart,
  splitStarshipOrderIds,
  starshipPartRef,
  starshipParts,
} from './starship-parts';
export { classifyStarshipError, findStarshipReason, STARSHIP_REASONS } from './starship-reasons';
export {
  resolveStarshipSettings,
  STARSHIP_DEFAULT_BASE_URL,
  type StarshipSettings,
} from './starship-settings';
export { mapStarshipOrderStatus, STARSHIP_ORDER_STATUSES } from './status-tables';
