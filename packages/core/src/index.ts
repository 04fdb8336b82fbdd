export {
  ConfigurationError,
  GiftwireError,
  type GiftwireErrorOptions,
  OutcomeUnknownError,
  type OutcomeUnknownErrorInit,
  safeHeaders,
  ValidationError,
  type ValidationIssue,
  VendorApiError,
  type VendorApiErrorInit,
  type VendorErrorCode,
  type WebhookFailure,
  WebhookVerificationError,
} from './errors';
export type {
  PollSchedule,
  RateLimitRule,
  RateLimitScope,
  VendorCapabilities,
  VendorLimits,
  VendorOperation,
} from './limits';
export {
  addMoney,
  CurrencyCodeSchema,
  compareMoney,
  DecimalStringSchema,
  formatMoney,
  isZeroMoney,
  type Money,
  MoneySchema,
  money,
  multiplyMoney,
  normalizeDecimal,
  PositiveDecimalStringSchema,
  PositiveMoneySchema,
  roundMoney,
  subtractMoney,
  sumMoney,
} from './money';
export {
  type GiftCardOrder,
  GiftCardOrderSchema,
  type OrderFailure,
  OrderFailureSchema,
  type OrderLine,
  OrderLineSchema,
  type PlaceOrderLine,
  PlaceOrderLineSchema,
  type PlaceOrderRequest,
  PlaceOrderRequestSchema,
  SecretSchema,
  VOUCHER_SECRET_FIELDS,
  type Voucher,
  VoucherSchema,
  type VoucherSecretField,
} from './order';
export { parsePlaceOrderRequest } from './place-order-request';
export {
  type Balance,
  BalanceSchema,
  type Denomination,
  DenominationSchema,
  type Product,
  ProductSchema,
} from './product';
export { isReference, normalizeReference, sameReference } from './reference';
export { scaleLimits } from './scale-limits';
export { REDACTED, revealOptional, Secret } from './secret';
export {
  isFinal,
  type MappedStatus,
  ORDER_STATUSES,
  type OrderStatus,
  OrderStatusSchema,
  type StatusTable,
  statusMapper,
  VOUCHER_STATUSES,
  type VoucherStatus,
  VoucherStatusSchema,
} from './status';
export { toValidationIssues, validate } from './validate';
export type {
  CallOptions,
  CancelResult,
  OrderIds,
  PlacementResult,
  ProductQuery,
  VendorAdapter,
} from './vendor-adapter';
export {
  claimedStatusOf,
  type WebhookEvent,
  WebhookEventSchema,
  type WebhookInput,
} from './webhook-event';
