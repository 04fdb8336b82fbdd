export {
  createFulfiller,
  type Fulfiller,
  type FulfillerHealth,
  type FulfillerOptions,
  type ListQuery,
  type OrderInspection,
  type SubmitResult,
  type WebhookOutcome,
} from './create-fulfiller';
export { isSealedOrder, type SealedOrder, sealOrder, unsealOrder } from './crypto/sealed-order';
export {
  createVoucherCipher,
  type EncryptionSettings,
  generateEncryptionKey,
  type VoucherCipher,
  VoucherDecryptionError,
} from './crypto/voucher-cipher';
export {
  CancelNotAllowedError,
  IdempotencyConflictError,
  OrderNotFoundError,
  RetryNotAllowedError,
  StoreUnavailableError,
  UnknownVendorError,
  WebhooksNotSupportedError,
} from './errors';
export type { FulfillerListener } from './event-hub';
export type { Clock, EngineTuning, FulfillerEventName } from './fulfillment/engine-context';
export { type SettlementSummary, summarizeSettlement } from './fulfillment/summarize-settlement';
export {
  VENDOR_ORDER_MISMATCH,
  type VendorOrderMatch,
  vendorOrderMatchesRequest,
} from './fulfillment/vendor-order-matches-request';
export { type Logger, redactForLog, redactingLogger, silentLogger } from './logger';
export {
  ACTIVE_STATES,
  type AttemptAction,
  type AttemptLogEntry,
  type AttentionReason,
  FULFILLMENT_STATES,
  type FulfillmentState,
  type OrderRecord,
  type WebhookRecord,
} from './order-record';
export { createLocalScheduler, type LocalSchedulerOptions } from './scheduler/local-scheduler';
export type { Scheduler, SchedulerHealth } from './scheduler/scheduler';
export { EMBEDDED_MEMORY_SETTINGS } from './store/embedded-memory-settings';
export { createEmbeddedOrderStore, type EmbeddedOrderStoreOptions } from './store/embedded-order-store';
export { createMemoryOrderStore } from './store/memory-order-store';
export type { OrderPage, OrderQuery, OrderStore } from './store/order-store';
export { SETTLE_SAMPLES_KEPT, type SettleSample, type SettleSampleQuery } from './store/settle-sample';
export { type SubmitInput, SubmitInputSchema } from './submit-input';
export { type FulfillmentOrder, toFulfillmentOrder, vendorOrderOf } from './to-fulfillment-order';
