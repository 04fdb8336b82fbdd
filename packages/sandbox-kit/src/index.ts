export { checkBasicAuth } from './check-basic-auth';
export { type CardFactory, createCardFactory } from './create-card-factory';
export {
  createRateGuard,
  type RateGuard,
  type RateGuardOptions,
  type RateKeys,
  type RateRefusal,
  type SandboxRateRule,
} from './create-rate-guard';
export { createSandboxOrders, type SandboxOrdersSource } from './create-sandbox-orders';
export { createSecretsRegistry, type IssuedCard, type SecretsRegistry } from './create-secrets-registry';
export {
  createWebhookDispatcher,
  type WebhookDelivery,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './create-webhook-dispatcher';
export { D } from './decimal';
export { DueQueue } from './due-queue';
export { FaultQueue } from './fault-queue';
export { FxRates } from './fx-rates';
export { matchRoute, type RouteTable, type RouteTableOptions } from './match-route';
export { OrderTimeline, type OrderTimelineOptions, type SandboxClock } from './order-timeline';
export type { RateCounter } from './rate-counter';
export { BODY_TOO_LARGE, readJsonBody } from './read-json-body';
export type { SandboxReply } from './sandbox-reply';
export type { SandboxRequest, SandboxRoute } from './sandbox-route';
export { scaleRateRule } from './scale-rate-rule';
export { slidingWindowCounter } from './sliding-window-counter';
export { spacingCounter } from './spacing-counter';
export { type SandboxServer, type SandboxServerOptions, startSandboxServer } from './start-sandbox-server';
export { newSvixMessageId, svixSignature } from './svix-signature';
export { tokenBucketCounter } from './token-bucket-counter';
export type {
  IssuedSecrets,
  RateViolation,
  SandboxFault,
  SandboxFaultOptions,
  SandboxFaults,
  SandboxOrderSummary,
  SandboxOrders,
  VendorSandbox,
} from './vendor-sandbox';
export { type WalletAccount, WalletLedger } from './wallet-ledger';
