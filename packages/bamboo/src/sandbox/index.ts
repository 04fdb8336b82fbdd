export { svixSignature } from '@giftwire/sandbox-kit';
export type { Violation } from './bamboo-api';
export type { BambooClientSettings } from './bamboo-client-settings';
export { bambooRateRules, defaultRateLimits, type RateLimits } from './bamboo-rate-rules';
export { defaultFxRates } from './default-fx-rates';
export type { BambooReason, ErrorShape } from './error-body';
export { loadTestAccounts, loadTestCatalog, loadTestProductId } from './load-test-catalog';
export type { NotificationSettings } from './notifier';
export type { CardStatus, OrderStatus, Outcome, OutcomeInput } from './order-lifecycle';
export type { BambooSandboxOptions } from './resolve-sandbox-options';
export { type AccountSeed, sandboxAccounts } from './sandbox-accounts';
export { type BrandSeed, type ProductSeed, sandboxCatalog, sandboxProductIds } from './sandbox-catalog';
export {
  type BambooSandbox,
  type Fault,
  type FaultOptions,
  type FaultRoute,
  startBambooSandbox,
} from './start-bamboo-sandbox';
export type { SandboxCard, SandboxOrder, SandboxOrderItem } from './to-sandbox-order';
export { MAX_CARDS_PER_ORDER } from './validate-place-order';
